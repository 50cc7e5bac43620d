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
import dev.poolscope.engine.Durations;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

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
                probe = DeepProbe.open(target);
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
