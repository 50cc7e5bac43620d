package dev.poolscope.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What watching a run in the dashboard costs: the same CPU-bound spec run by
 * {@code poolscope run} and by {@code poolscope dashboard --start
 * --quit-after-run --json} in a real window (a fresh JVM each time, under
 * {@code xvfb-run} when there is no display), in interleaved pairs whose order
 * alternates. Each pair also makes a steady run: the last of several runs in
 * one window. Ratios are dashboard over command line; figures are medians.
 */
public final class DashboardBench {
    /** The main class both sides run ({@code poolscope}'s), named so the engine does not depend on it. */
    static final String MAIN = "dev.poolscope.Main";
    /** Runs in one window for the steady figure; the last is measured. */
    static final int STEADY_RUNS = 3;
    private static final Pattern TIMINGS = Pattern.compile(
            "window usable after ([0-9.-]+) s; first task seen ([0-9.-]+) s after Run");

    private final int pairs;
    private final long tasks;
    private final Consumer<String> progress;

    /**
     * One interleaved pair.
     *
     * @param cliPerSecond {@code poolscope run}'s throughput
     * @param firstPerSecond the first run of a freshly opened dashboard
     * @param steadyPerSecond the last of {@link #STEADY_RUNS} runs in one window
     * @param windowSeconds from the dashboard JVM's start to its window's first frame
     * @param firstTaskSeconds from pressing Run to the first task seen (sample interval resolution)
     */
    public record Pair(double cliPerSecond, double firstPerSecond, double steadyPerSecond, double windowSeconds,
                       double firstTaskSeconds) {
    }

    /**
     * The section's result.
     *
     * @param display the display used ({@code DISPLAY} or {@code xvfb-run})
     * @param spec the run options both sides got
     * @param pairs each pair's figures, in the order run
     * @param firstRunRatio median over pairs of first-run throughput / command line
     * @param steadyRunRatio median over pairs of steady-run throughput / command line
     * @param windowSeconds median time from launch to a usable window
     * @param firstTaskSeconds median time from Run to the first task seen
     * @param command how to repeat one dashboard side by hand
     */
    public record Result(String display, String spec, List<Pair> pairs, double firstRunRatio, double steadyRunRatio,
                         double windowSeconds, double firstTaskSeconds, String command) {
    }

    /** Thrown when the section cannot run here; the message says why. */
    public static final class Skipped extends Exception {
        private static final long serialVersionUID = 1L;

        Skipped(String why) {
            super(why);
        }
    }

    DashboardBench(int pairs, long tasks, Consumer<String> progress) {
        this.pairs = pairs;
        this.tasks = tasks;
        this.progress = progress;
    }

    /** The spec's options, as both commands take them. */
    List<String> specOptions() {
        return List.of("--pool", "fixed", "--workers", Integer.toString(Math.max(2, Runtime.getRuntime().availableProcessors())),
                "--workload", "cpu:size=50000", "--tasks", Long.toString(tasks));
    }

    /** How to open a window here: empty if a display is set, else the xvfb-run prefix; Skipped if neither. */
    static List<String> displayPrefix(Map<String, String> env) throws Skipped {
        if (notBlank(env.get("DISPLAY")) || notBlank(env.get("WAYLAND_DISPLAY"))) {
            return List.of();
        }
        if (onPath("xvfb-run", env.get("PATH")) == null) {
            throw new Skipped("no display (DISPLAY is not set) and xvfb-run is not on the PATH");
        }
        return List.of("xvfb-run", "-a", "-s", "-screen 0 1600x1000x24");
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }

    private static Path onPath(String name, String path) {
        if (path == null) {
            return null;
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path p = Path.of(dir, name);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }

    /** Runs the pairs. */
    Result run() throws Skipped, IOException, InterruptedException {
        List<String> prefix = displayPrefix(System.getenv());
        Path dir = Files.createTempDirectory("poolscope-bench-dashboard");
        List<Pair> done = new ArrayList<>();
        try {
            for (int i = 0; i < pairs; i++) {
                boolean dashboardFirst = i % 2 == 0;
                progress.accept("dashboard: pair " + (i + 1) + " of " + pairs + (dashboardFirst ? " (window first)" : " (command line first)"));
                double cli = -1;
                if (!dashboardFirst) {
                    cli = cli(dir);
                }
                double[] first = dashboard(prefix, dir, 1);
                if (dashboardFirst) {
                    cli = cli(dir);
                }
                double[] steady = dashboard(prefix, dir, STEADY_RUNS);
                done.add(new Pair(cli, first[0], steady[0], first[1], first[2]));
            }
        } finally {
            try (var files = Files.list(dir)) {
                for (Path f : files.toList()) {
                    Files.deleteIfExists(f);
                }
            }
            Files.deleteIfExists(dir);
        }
        List<Double> firstRatios = done.stream().map(p -> p.firstPerSecond() / p.cliPerSecond()).toList();
        List<Double> steadyRatios = done.stream().map(p -> p.steadyPerSecond() / p.cliPerSecond()).toList();
        String display = prefix.isEmpty() ? "DISPLAY" : "xvfb-run";
        String command = (prefix.isEmpty() ? "" : "xvfb-run -a -s \"-screen 0 1600x1000x24\" ") + "poolscope dashboard "
                + String.join(" ", specOptions()) + " --start --quit-after-run --json A.json";
        return new Result(display, String.join(" ", specOptions()), List.copyOf(done),
                Stats.round(Stats.median(firstRatios), 3), Stats.round(Stats.median(steadyRatios), 3),
                Stats.round(Stats.median(done.stream().map(Pair::windowSeconds).toList()), 2),
                Stats.round(Stats.median(done.stream().map(Pair::firstTaskSeconds).toList()), 2), command);
    }

    private double cli(Path dir) throws IOException, InterruptedException {
        Path json = dir.resolve("cli.json");
        List<String> args = new ArrayList<>(List.of("run"));
        args.addAll(specOptions());
        args.addAll(List.of("--no-progress", "--json", json.toString()));
        Process p = new ProcessBuilder(ChildJvm.command(List.of("--enable-native-access=ALL-UNNAMED"), mainClass(), args))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        finish(p, "poolscope run", "");
        return throughput(json);
    }

    /** One fresh window: throughput of its last run, window seconds, first-task seconds. */
    private double[] dashboard(List<String> prefix, Path dir, int runs) throws IOException, InterruptedException {
        Path json = dir.resolve("dashboard.json");
        Path log = dir.resolve("dashboard.err");
        List<String> args = new ArrayList<>(List.of("dashboard"));
        args.addAll(specOptions());
        args.addAll(List.of("--start", "--runs", Integer.toString(runs), "--quit-after-run", "--json", json.toString()));
        List<String> cmd = new ArrayList<>(prefix);
        cmd.addAll(ChildJvm.command(List.of("--enable-native-access=ALL-UNNAMED"), mainClass(), args));
        Process p = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(log.toFile()).start();
        String err = finish(p, "poolscope dashboard", log);
        Matcher m = TIMINGS.matcher(err);
        double window = -1;
        double firstTask = -1;
        if (m.find()) {
            window = Double.parseDouble(m.group(1));
            firstTask = Double.parseDouble(m.group(2));
        }
        return new double[]{throughput(json), window, firstTask};
    }

    private String finish(Process p, String what, Object log) throws IOException, InterruptedException {
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            throw new IOException(what + " did not end in 10 minutes");
        }
        String err = log instanceof Path path && Files.exists(path) ? Files.readString(path, StandardCharsets.UTF_8) : "";
        if (p.exitValue() != 0) {
            throw new IOException(what + " exited with " + p.exitValue() + ": " + lastLine(err));
        }
        return err;
    }

    private static String lastLine(String text) {
        String[] lines = text.strip().split("\n");
        return lines.length == 0 ? "" : lines[lines.length - 1];
    }

    private static double throughput(Path json) throws IOException {
        JsonNode doc = new ObjectMapper().readTree(json.toFile());
        Files.delete(json);
        return doc.get("throughputPerSecond").asDouble();
    }

    private static Class<?> mainClass() {
        try {
            return Class.forName(MAIN, false, DashboardBench.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("no " + MAIN + " on the class path", e);
        }
    }
}
