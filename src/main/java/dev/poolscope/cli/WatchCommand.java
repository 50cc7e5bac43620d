package dev.poolscope.cli;

import dev.poolscope.attach.AttachException;
import dev.poolscope.attach.BasicProbe;
import dev.poolscope.attach.DeepProbe;
import dev.poolscope.attach.PoolFigures;
import dev.poolscope.attach.Probe;
import dev.poolscope.attach.TargetConnection;
import dev.poolscope.attach.Watch;
import dev.poolscope.attach.WatchJson;
import dev.poolscope.attach.WatchReport;
import dev.poolscope.attach.TwinSizing;
import dev.poolscope.attach.WorkloadTwins;
import dev.poolscope.workload.TwinFile;
import dev.poolscope.engine.Durations;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

/**
 * {@code poolscope watch PID}: attaches to a running JVM and shows its pools. Exit status 0 when it watched,
 * 2 for bad input, 3 when it cannot attach (the reason on one line).
 */
@Command(name = "watch", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Attach to a running JVM on this machine and show its pools live.",
                "Basic mode (default) loads nothing into the target and reads its thread dumps: pools, threads, busy workers.",
                "--deep loads a small agent (your consent) that adds queue depth, completed and rejected tasks, wait and service times.",
                "Exit status: 0 watched, 2 bad input, 3 cannot attach."})
public final class WatchCommand implements Callable<Integer> {
    /** Exit status when PoolScope cannot attach. */
    static final int EXIT_ATTACH = 3;
    private static final Duration SHORTEST = Duration.ofMillis(10);
    private static final Duration LONGEST = Duration.ofHours(1);

    @CommandLine.Spec
    CommandLine.Model.CommandSpec cmd;

    @Parameters(index = "0", paramLabel = "PID", description = "process id of the JVM (see 'poolscope jvms')")
    long pid;

    @Option(names = "--deep", description = "load PoolScope's agent into the target for per-task figures (see the note printed before loading)")
    boolean deep;

    @Option(names = "--interval", paramLabel = "DURATION", converter = Converters.DurationConverter.class,
            description = "time between readings (default: 1s, or 100ms with --deep)")
    Duration interval;

    @Option(names = "--duration", paramLabel = "DURATION", converter = Converters.DurationConverter.class,
            description = "how long to watch (default: until Ctrl-C)")
    Duration duration;

    @Option(names = "--json", paramLabel = "FILE|-", description = "when it ends, write the report as JSON to FILE, or to stdout with '-'")
    String json;

    @Option(names = "--twin", paramLabel = "FILE", description = "with --deep: when it ends, write a workload twin of one pool to FILE "
            + "(its tasks' CPU and blocked times and arrival rate), for 'run --workload twin:file=FILE'")
    Path twin;

    @Option(names = "--twin-pool", paramLabel = "NAME", description = "the pool the twin is made of: its name or thread names (work-*); "
            + "default: the ThreadPoolExecutor that completed the most tasks")
    String twinPool;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = cmd.commandLine().getOut();
        PrintWriter err = cmd.commandLine().getErr();
        if (pid <= 0) {
            throw new IllegalArgumentException("PID must be a positive process id, was " + pid);
        }
        Duration every = interval != null ? interval : Duration.ofMillis(deep ? 100 : 1000);
        if (every.compareTo(SHORTEST) < 0 || every.compareTo(LONGEST) > 0) {
            throw new IllegalArgumentException("--interval must be between 10ms and 1h, was " + Durations.format(every));
        }
        if (duration != null && (duration.isNegative() || duration.isZero())) {
            throw new IllegalArgumentException("--duration must be more than 0, was " + Durations.format(duration));
        }
        if (twin != null && !deep) {
            throw new IllegalArgumentException("--twin needs --deep: a twin is made of per-task CPU and blocked times");
        }
        if (twinPool != null && twin == null) {
            throw new IllegalArgumentException("--twin-pool needs --twin FILE");
        }
        boolean jsonToStdout = "-".equals(json);
        PrintWriter screen = jsonToStdout ? err : out;
        TargetConnection target;
        try {
            target = TargetConnection.open(pid);
        } catch (AttachException e) {
            err.println("poolscope watch: " + e.getMessage());
            err.flush();
            return EXIT_ATTACH;
        }
        Probe probe = new BasicProbe(target);
        if (deep) {
            err.println(DeepProbe.WHAT_STAYS);
            err.flush();
            try {
                probe = twin == null ? DeepProbe.open(target) : DeepProbe.open(target, DeepProbe.TWIN_CPU_SAMPLE_BITS);
            } catch (AttachException e) {
                err.println("poolscope watch: deep mode unavailable: " + e.getMessage() + "; watching in basic mode");
                err.flush();
            }
        }
        Watch watch = new Watch(target, probe);
        CountDownLatch ended = new CountDownLatch(1);
        AtomicBoolean stopping = new AtomicBoolean();
        Thread main = Thread.currentThread();
        Thread hook = new Thread(() -> {
            stopping.set(true);
            main.interrupt();
            try {
                ended.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException ignored) {
                // exiting anyway
            }
        }, "poolscope-watch-interrupt");
        Runtime.getRuntime().addShutdownHook(hook);
        boolean live = System.console() != null && !jsonToStdout;
        String ending = "duration";
        int status = 0;
        int shown = 0;
        long start = System.nanoTime();
        try {
            while (true) {
                try {
                    List<PoolFigures> figures = watch.sample();
                    if (live) {
                        shown = redraw(screen, shown, WatchTable.lines(pid, watch.mode(), target.javaVersion(),
                                (System.nanoTime() - start) / 1_000_000, figures, probe.limits()));
                    }
                } catch (AttachException e) {
                    if (stopping.get()) {
                        ending = "stopped";
                    } else if (!target.targetAlive()) {
                        ending = "target exited";
                        err.println("poolscope watch: PID " + pid + " exited");
                    } else {
                        ending = "lost: " + e.getMessage();
                        err.println("poolscope watch: " + e.getMessage());
                        status = EXIT_ATTACH;
                    }
                    break;
                }
                long left = duration == null ? Long.MAX_VALUE : duration.toNanos() - (System.nanoTime() - start);
                if (left <= 0) {
                    break;
                }
                try {
                    TimeUnit.NANOSECONDS.sleep(Math.min(left, every.toNanos()));
                } catch (InterruptedException e) {
                    ending = "stopped";
                    break;
                }
                if (stopping.get()) {
                    ending = "stopped";
                    break;
                }
            }
            Thread.interrupted();
            WatchReport report = watch.report(ending);
            probe.close();
            if (twin != null && status == 0) {
                status = writeTwin(watch, report, screen, err);
            }
            if (!live || shown == 0) {
                WatchTable.lines(pid, report.mode(), report.javaVersion(), report.elapsedMillis(), report.pools(),
                        report.limits()).forEach(screen::println);
            }
            if (json != null) {
                String text = WatchJson.toJson(report);
                if (jsonToStdout) {
                    out.println(text);
                } else {
                    Files.writeString(Path.of(json), text + System.lineSeparator());
                    screen.println("report written to " + json);
                }
            }
            out.flush();
            err.flush();
            return status;
        } finally {
            probe.close();
            target.close();
            ended.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook runs and waits for us
            }
        }
    }

    private int writeTwin(Watch watch, WatchReport report, PrintWriter screen, PrintWriter err) {
        PoolFigures pool = WorkloadTwins.choose(report.pools(), twinPool).orElse(null);
        if (pool == null) {
            err.println("poolscope watch: --twin-pool " + (twinPool == null ? "(the busiest ThreadPoolExecutor)" : twinPool)
                    + " matches no watched pool with deep figures");
            return 2;
        }
        try {
            TwinFile t = WorkloadTwins.of(watch, pool, pid);
            t.write(twin);
            screen.printf(Locale.ROOT, "twin of %s written to %s: %d tasks measured, %.1f arriving a second; size it with%n"
                            + "  poolscope sweep --pool fixed --workers %s --workload twin:file=%s --arrival poisson --rate %.1f --tasks %d%n",
                    pool.name(), twin, t.tasksMeasured(), t.arrivalPerSecond(),
                    TwinSizing.counts(t.threads()).stream().map(String::valueOf).collect(Collectors.joining(",")), twin,
                    t.arrivalPerSecond(), Math.max(100, Math.round(t.arrivalPerSecond() * TwinSizing.RUN_SECONDS)));
            return 0;
        } catch (AttachException e) {
            err.println("poolscope watch: no twin written: " + e.getMessage());
            return EXIT_ATTACH;
        } catch (IOException e) {
            err.println("poolscope watch: could not write the twin to " + twin + ": " + e.getMessage());
            return 2;
        }
    }

    private static int redraw(PrintWriter screen, int previous, List<String> lines) {
        StringBuilder sb = new StringBuilder();
        if (previous > 0) {
            sb.append("\033[").append(previous).append('F').append("\033[J");
        }
        for (String l : lines) {
            sb.append(l).append(System.lineSeparator());
        }
        screen.print(sb);
        screen.flush();
        return lines.size();
    }
}
