package dev.poolscope.bench;

import dev.poolscope.engine.RunEngine;
import dev.poolscope.pool.PoolRegistry;

import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Runs every section of {@code poolscope bench} in one sitting and checks the
 * results against the targets of the benchmark issue. Sections run one after
 * another (never two at once, so they do not disturb each other); inside each,
 * the compared sides alternate. A section that fails is reported as null with
 * the reason in {@link BenchReport#errors()}; the others still run.
 *
 * <p>Progress lines go to the given consumer (the command line prints them on
 * standard error); nothing here prints.
 */
public final class BenchRunner {
    /** Largest observation cost per no-op task on fixed and forkjoin, ns. */
    public static final double MAX_ADDED_NANOS = 80;
    /** Smallest observed/bare ratio on 10 µs tasks (at most 2% slower). */
    public static final double MIN_SPIN_RATIO = 0.98;
    /** Largest process-pool round trip over the raw pipe's. */
    public static final double MAX_ROUND_TRIP_RATIO = 1.2;
    /** Smallest pipelined pool throughput over the raw pipe's. */
    public static final double MIN_PIPELINED_RATIO = 0.7;
    /** Smallest pipelined pool throughput over Python's Pool.map with chunksize 1. */
    public static final double MIN_PYTHON_CHUNK1_RATIO = 10;
    /** Largest worker start-to-ready median, ms. */
    public static final double MAX_STARTUP_MILLIS = 50;
    /** Smallest cpu speedup from 1 to 2 workers. */
    public static final double MIN_SPEEDUP = 1.9;
    /** Dashboard first-run throughput over the command line's, at least. */
    public static final double MIN_DASHBOARD_RATIO = 0.95;
    /** Smallest cluster pool throughput over the bare IExecutorService's, no-op tasks. */
    static final double MIN_CLUSTER_RATIO = 0.9;
    /** Smallest cpu speedup of two one-thread members over one. */
    static final double MIN_CLUSTER_CPU_SPEEDUP = 1.8;
    /** Interleaved pairs of the dashboard section. */
    static final int DASHBOARD_PAIRS = 3;

    private final BenchConfig config;
    private final RunEngine engine;
    private final Consumer<String> progress;
    private final int cores = Runtime.getRuntime().availableProcessors();
    private final List<String> errors = new ArrayList<>();
    private final Optional<Path> python;
    private final java.util.Set<String> only;

    /** The section names, in the order a sitting runs them, as {@code sectionSeconds} and {@code --only} name them. */
    public static final List<String> SECTIONS = List.of("overhead", "processRoundTrip", "workerStartupMillis", "scaling",
            "python", "heap", "dashboard", "cluster");

    /**
     * @param config sizes
     * @param engine the engine whose registry is measured
     * @param python the interpreter for the Python section, or empty to skip it
     * @param progress receives one line per step
     */
    public BenchRunner(BenchConfig config, RunEngine engine, Optional<Path> python, Consumer<String> progress) {
        this(config, engine, python, progress, java.util.Set.of());
    }

    /**
     * @param config sizes
     * @param engine the engine whose registry is measured
     * @param python the interpreter for the Python section, or empty to skip it
     * @param progress receives one line per step
     * @param only the {@linkplain #SECTIONS sections} to run; empty runs them all
     * @throws IllegalArgumentException if {@code only} names an unknown section
     */
    public BenchRunner(BenchConfig config, RunEngine engine, Optional<Path> python, Consumer<String> progress,
                       java.util.Set<String> only) {
        requireKnownSections(only);
        this.config = config;
        this.engine = engine;
        this.python = python;
        this.progress = progress;
        this.only = java.util.Set.copyOf(only);
    }

    /**
     * Checks that every name is one of the {@linkplain #SECTIONS sections}.
     *
     * @throws IllegalArgumentException naming the first unknown one and the allowed names
     */
    public static void requireKnownSections(java.util.Collection<String> names) {
        for (String name : names) {
            if (!SECTIONS.contains(name)) {
                throw new IllegalArgumentException("unknown section '" + name + "'; allowed: " + String.join(", ", SECTIONS));
            }
        }
    }

    private boolean selected(String name) {
        return only.isEmpty() || only.contains(name);
    }

    /** A runner over the standard engine, with {@code python3} from the {@code PATH} if there is one. */
    public static BenchRunner standard(BenchConfig config, Consumer<String> progress) {
        return standard(config, progress, java.util.Set.of());
    }

    /** As {@link #standard(BenchConfig, Consumer)}, running only the named sections (all when empty). */
    public static BenchRunner standard(BenchConfig config, Consumer<String> progress, java.util.Set<String> only) {
        return new BenchRunner(config, RunEngine.standard(), PythonBench.findPython(), progress, only);
    }

    /** The reason given for a section that {@code --only} left out. */
    static final String NOT_SELECTED = "skipped: not selected";

    /** A section that cannot run here: not an error, reported as skipped. */
    private static final class SkippedSection extends RuntimeException {
        private static final long serialVersionUID = 1L;

        SkippedSection(String why) {
            super(why);
        }
    }

    private interface Section<T> {
        T run() throws Exception;
    }

    private final java.util.Map<String, Double> sectionSeconds = new java.util.LinkedHashMap<>();

    private <T> T section(String name, Section<T> s) {
        if (!selected(name)) {
            return null;
        }
        long t0 = System.nanoTime();
        try {
            return s.run();
        } catch (SkippedSection e) {
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            errors.add(name + ": interrupted");
            return null;
        } catch (Exception | Error e) {
            if (e instanceof VirtualMachineError && !(e instanceof OutOfMemoryError)) {
                throw (Error) e;
            }
            errors.add(name + ": " + e);
            return null;
        } finally {
            sectionSeconds.merge(name, Stats.round((System.nanoTime() - t0) / 1e9, 1), Double::sum);
        }
    }

    /** Runs the sitting. */
    public BenchReport run() {
        long t0 = System.nanoTime();
        Instant started = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        PoolRegistry pools = engine.pools();
        BenchReport.Machine machine = new BenchReport.Machine(cores,
                System.getProperty("java.vm.name") + " " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")",
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"),
                started.toString(), load(), -1);

        List<OverheadBench.Result> overhead = section("overhead",
                () -> new OverheadBench(config, pools, cores, progress).run());
        ProcessPoolBench process = new ProcessPoolBench(config, pools, progress);
        ProcessPoolBench.RoundTrip roundTrip = section("processRoundTrip", process::roundTrip);
        ProcessPoolBench.Startup startup = section("workerStartupMillis", process::startup);
        List<ScalingBench.Result> scaling = section("scaling",
                () -> new ScalingBench(config, engine, cores, progress).run());
        PythonBench.Result py = null;
        String pyReason = null;
        if (!selected("python")) {
            pyReason = NOT_SELECTED;
        } else if (python.isEmpty()) {
            pyReason = "python3 is not on the PATH";
        } else {
            py = section("python", () -> new PythonBench(config, pools, cores, progress).run(python.get()));
            if (py == null) {
                pyReason = "the Python section failed; see errors";
            }
        }
        if (selected("heap")) {
            progress.accept("heap: " + config.heapTasks() + " no-op tasks in a " + HeapCheck.LIMIT_MB + " MB heap");
        }
        HeapCheck.Result heap = section("heap", () -> HeapCheck.run("fixed", cores, config.heapTasks()));
        DashboardBench.Result dashboard = null;
        String dashboardReason = null;
        if (!selected("dashboard")) {
            dashboardReason = NOT_SELECTED;
        } else if (config.mode().equals("tiny")) {
            dashboardReason = "skipped: not measured with tiny sizes";
        } else {
            try {
                dashboard = section("dashboard", () -> {
                    try {
                        return new DashboardBench(DASHBOARD_PAIRS, config.mode().equals("full") ? 3000 : 1000, progress).run();
                    } catch (DashboardBench.Skipped e) {
                        throw new SkippedSection(e.getMessage());
                    }
                });
            } catch (SkippedSection e) {
                dashboardReason = "skipped: " + e.getMessage();
            }
            if (dashboard == null && dashboardReason == null) {
                dashboardReason = "the dashboard section failed; see errors";
            }
        }
        ClusterBench.Result cluster = null;
        String clusterReason = null;
        if (!selected("cluster")) {
            clusterReason = NOT_SELECTED;
        } else if (config.mode().equals("tiny")) {
            clusterReason = "skipped: not measured with tiny sizes (member JVMs take seconds to start)";
        } else if (pools.find("cluster").isEmpty()) {
            clusterReason = "skipped: no cluster pool kind in this build";
        } else {
            cluster = section("cluster", () -> new ClusterBench(config, pools, progress).run());
            if (cluster == null) {
                clusterReason = "the cluster section failed; see errors";
            }
        }
        machine = new BenchReport.Machine(machine.cores(), machine.java(), machine.os(), machine.date(),
                machine.loadAverageStart(), load());
        List<BenchReport.Target> targets = new ArrayList<>(targets(overhead, roundTrip, startup, scaling, py, heap));
        targets.add(new BenchReport.Target("dashboard first run / command line, throughput", f(">= %.2fx", MIN_DASHBOARD_RATIO),
                dashboard == null ? dashboardReason : f("%.3fx (steady %.3fx; window %.2f s, first task %.2f s after Run)",
                        dashboard.firstRunRatio(), dashboard.steadyRunRatio(), dashboard.windowSeconds(), dashboard.firstTaskSeconds()),
                dashboard == null ? null : dashboard.firstRunRatio() >= MIN_DASHBOARD_RATIO));
        targets.add(new BenchReport.Target("cluster pool / bare IExecutorService, no-op tasks", f(">= %.1fx", MIN_CLUSTER_RATIO),
                cluster == null ? clusterReason : f("%.3fx (%.0f/s / %.0f/s)", cluster.ratio(), cluster.poolPerSecond(),
                        cluster.barePerSecond()), cluster == null ? null : cluster.ratio() >= MIN_CLUSTER_RATIO));
        targets.add(new BenchReport.Target("cpu on 2 members x 1 thread / 1 member", f(">= %.1fx", MIN_CLUSTER_CPU_SPEEDUP),
                cluster == null ? clusterReason : f("%.2fx (%.2f s / %.2f s)", cluster.cpuSpeedup(),
                        cluster.oneMemberCpuSeconds(), cluster.twoMembersCpuSeconds()),
                cluster == null ? null : cluster.cpuSpeedup() >= MIN_CLUSTER_CPU_SPEEDUP));
        return new BenchReport(machine, config.mode(), overhead, roundTrip, startup, scaling, py, pyReason, heap,
                dashboard, dashboardReason, List.copyOf(targets), List.copyOf(errors), java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(sectionSeconds)),
                Stats.round((System.nanoTime() - t0) / 1e9, 1), cluster, clusterReason);
    }

    private static double load() {
        return Stats.round(java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), 2);
    }

    private static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }

    static List<BenchReport.Target> targets(List<OverheadBench.Result> overhead, ProcessPoolBench.RoundTrip rt,
                                            ProcessPoolBench.Startup startup, List<ScalingBench.Result> scaling,
                                            PythonBench.Result py, HeapCheck.Result heap) {
        List<BenchReport.Target> t = new ArrayList<>();
        for (String kind : List.of("fixed", "forkjoin")) {
            OverheadBench.Result noop = find(overhead, kind, "noop");
            t.add(new BenchReport.Target("observation cost per no-op task, " + kind, f("<= %.0f ns", MAX_ADDED_NANOS),
                    noop == null ? "not measured" : f("%.1f ns", noop.addedNanosPerTask()),
                    noop == null ? null : noop.addedNanosPerTask() <= MAX_ADDED_NANOS));
            OverheadBench.Result spin = find(overhead, kind, "cpu10us");
            t.add(new BenchReport.Target("observation cost on 10 us tasks, " + kind, "<= 2%",
                    spin == null ? "not measured" : f("%.1f%%", (1 - spin.ratio()) * 100),
                    spin == null ? null : spin.ratio() >= MIN_SPIN_RATIO));
        }
        boolean pool = rt != null && rt.ratio() != null;
        t.add(new BenchReport.Target("process pool round trip / raw pipe", f("<= %.1fx", MAX_ROUND_TRIP_RATIO),
                pool ? f("%.2fx (%.1f us / %.1f us)", rt.ratio(), rt.poolMicrosP50(), rt.pipeMicrosP50()) : why(rt),
                pool ? rt.ratio() <= MAX_ROUND_TRIP_RATIO : null));
        boolean piped = pool && rt.pipelined().ratio() != null;
        t.add(new BenchReport.Target("process pool pipelined no-op / raw pipelined", f(">= %.1fx", MIN_PIPELINED_RATIO),
                piped ? f("%.2fx (%.0f/s / %.0f/s)", rt.pipelined().ratio(), rt.pipelined().poolPerSecond(),
                        rt.pipelined().pipePerSecond()) : why(rt),
                piped ? rt.pipelined().ratio() >= MIN_PIPELINED_RATIO : null));
        PythonBench.Ratio chunk1 = py == null ? null : py.ratios().stream()
                .filter(r -> r.python().equals("Pool.map chunksize=1") && r.task().equals("noop")).findFirst().orElse(null);
        t.add(new BenchReport.Target("process pool per-task no-op / Python Pool.map chunksize=1", f(">= %.0fx", MIN_PYTHON_CHUNK1_RATIO),
                chunk1 == null ? (py == null ? "no Python figures" : "no process pool") : f("%.1fx", chunk1.ratio()),
                chunk1 == null ? null : chunk1.ratio() >= MIN_PYTHON_CHUNK1_RATIO));
        PythonBench.Ratio chunked = py == null ? null : py.ratios().stream()
                .filter(r -> r.python().equals("Pool.map default chunksize") && r.task().equals("noop")).findFirst().orElse(null);
        t.add(new BenchReport.Target("process pool chunked map / Python Pool.map default chunksize", ">= 1.0x",
                chunked == null ? (py == null ? "no Python figures" : "no process pool") : f("%.2fx", chunked.ratio()),
                chunked == null ? null : chunked.ratio() >= 1.0));
        boolean st = startup != null && startup.p50() != null;
        t.add(new BenchReport.Target("worker start to ready, p50", f("<= %.0f ms", MAX_STARTUP_MILLIS),
                st ? f("%.1f ms (bare JVM %.1f ms)", startup.p50(), startup.rawJvmP50())
                        : startup == null ? "not measured" : startup.source() + f(" (bare JVM %.1f ms)", startup.rawJvmP50()),
                st ? startup.p50() <= MAX_STARTUP_MILLIS : null));
        for (String kind : List.of("fixed", "forkjoin", "process")) {
            ScalingBench.Result s = scaling == null ? null
                    : scaling.stream().filter(r -> r.pool().equals(kind)).findFirst().orElse(null);
            t.add(new BenchReport.Target("cpu speedup 1 -> " + (s == null ? "N" : s.workers()) + " workers, " + kind,
                    f(">= %.1fx", MIN_SPEEDUP), s == null ? "not measured" : f("%.2fx", s.speedup()),
                    s == null ? null : s.speedup() >= MIN_SPEEDUP));
        }
        t.add(new BenchReport.Target("heap of a " + (heap == null ? "" : heap.tasks() + "-task ") + "no-op run",
                "< " + HeapCheck.LIMIT_MB + " MB",
                heap == null ? "not measured" : heap.completed()
                        ? f("completed in -Xmx%dm; peak %.1f MB, live after GC %.1f MB", heap.limitMB(), heap.peakUsedMB(), heap.liveAfterGcMB())
                        : "failed: " + heap.error(),
                heap == null ? null : heap.completed() && heap.peakUsedMB() < HeapCheck.LIMIT_MB));
        return t;
    }

    private static String why(ProcessPoolBench.RoundTrip rt) {
        return rt == null ? "not measured" : rt.reason();
    }

    private static OverheadBench.Result find(List<OverheadBench.Result> list, String pool, String task) {
        if (list == null) {
            return null;
        }
        return list.stream().filter(r -> r.pool().equals(pool) && r.task().equals(task)).findFirst().orElse(null);
    }
}
