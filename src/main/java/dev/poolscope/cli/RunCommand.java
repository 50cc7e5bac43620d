package dev.poolscope.cli;

import dev.poolscope.engine.ReportJson;
import dev.poolscope.engine.Run;
import dev.poolscope.engine.RunEngine;
import dev.poolscope.engine.RunReport;
import dev.poolscope.engine.RunSpec;
import dev.poolscope.metrics.ErrorTable;
import dev.poolscope.metrics.Percentiles;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code poolscope run}: one headless run with a summary or a JSON report. */
@Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Run a workload on a pool and report throughput, latency and task outcomes.")
public final class RunCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec cmd;

    @Mixin
    RunOptions options = new RunOptions();

    @Option(names = "--json", paramLabel = "FILE|-", description = "write the report as JSON to FILE, or to stdout with '-'")
    String json;

    @Option(names = "--no-progress", description = "do not show the progress bar on stderr")
    boolean noProgress;

    private RunRecording recording;

    /** Pool kind names for help text. */
    static final class PoolNames implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return RunEngine.standard().pools().names().iterator();
        }
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = cmd.commandLine().getOut();
        PrintWriter err = cmd.commandLine().getErr();
        RunSpec spec = options.spec();
        boolean jsonToStdout = "-".equals(json);
        ProgressBar bar = (noProgress || jsonToStdout) ? null : new ProgressBar(err, spec.tasks());
        RunReport report;
        try (InterruptGuard guard = InterruptGuard.install("poolscope run", "run", out, err)) {
            // Ctrl-C from here on: "not started", or stop the run and print the consistent report it ends with
            Run run = guard.start(() -> {
                recording = RunRecording.start(options.jfr(), spec.sampleInterval());
                Run r = RunEngine.standard().start(spec);
                if (bar != null) {
                    r.addListener(bar::update);
                }
                return r;
            }, r -> {
                r.stop();
                RunReport stopped;
                try {
                    stopped = r.await(Duration.ofSeconds(15));
                } catch (Exception e) {
                    guard.print(() -> err.println("poolscope run: interrupted; the run did not end in time: " + e.getMessage()));
                    return;
                }
                guard.print(() -> emit(stopped, bar, out, err));
            });
            if (run == null) {
                return 130;
            }
            report = run.report().get();
            guard.close();
            guard.print(() -> emit(report, bar, out, err));
        }
        return 0;
    }

    private void emit(RunReport r, ProgressBar bar, PrintWriter out, PrintWriter err) {
        if (bar != null) {
            bar.finish();
        }
        emit(r, out, err);
    }

    private void emit(RunReport r, PrintWriter out, PrintWriter err) {
        if (json == null) {
            printSummary(r, out);
        } else if ("-".equals(json)) {
            out.println(ReportJson.toJson(r));
        } else {
            try {
                Files.writeString(Path.of(json), ReportJson.toJson(r) + System.lineSeparator());
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            printSummary(r, out);
            out.println("report written to " + json);
        }
        if (recording != null) {
            recording.finish("-".equals(json) ? err : out);
        }
        out.flush();
    }

    /** Prints the human-readable summary of a report. */
    static void printSummary(RunReport r, PrintWriter out) {
        var c = r.counts();
        out.printf(Locale.ROOT, "PoolScope run: %s -- %s in %.3f s%n", r.spec().describe(), r.state().label(), r.wallSeconds());
        out.printf(Locale.ROOT, "  teardown    %.3f s after the last task ended (not in the wall time)%n", r.teardownSeconds());
        out.printf(Locale.ROOT, "  tasks       submitted %d, succeeded %d, failed %d, cancelled %d, rejected %d, timed out %d%n",
                c.submitted(), c.succeeded(), c.failed(), c.cancelled(), c.rejected(), c.timedOut());
        out.printf(Locale.ROOT, "  throughput  %.1f tasks/s   CPU %.0f%% of %d cores%s%n", r.throughputPerSecond(),
                r.cpuUtilisation() * 100, Runtime.getRuntime().availableProcessors(),
                r.finalWorkers() != r.spec().workers() ? "   workers " + r.spec().workers() + " -> " + r.finalWorkers() : "");
        out.println("  latency     " + line(r.latency()));
        out.println("  wait        " + line(r.waitTime()));
        out.println("  service     " + line(r.service()));
        if (r.workerRestarts() > 0) {
            out.println("  restarts    " + r.workerRestarts() + " worker processes replaced");
        }
        if (r.topLevelTasks() != c.submitted()) {
            out.printf(Locale.ROOT, "  top level   %d tasks submitted by the run; the other %d were their subtasks%n",
                    r.topLevelTasks(), c.submitted() - r.topLevelTasks());
        }
        for (dev.poolscope.metrics.StallEpisode s : r.stalls()) {
            out.printf(Locale.ROOT, "  stall       %s at %d ms%s: workers %s waited for tasks %s%s%n", s.kind(), s.detectedAtMillis(),
                    s.ended() ? " to " + s.endedAtMillis() + " ms" : " (still stalled at the end)", String.join(", ", s.workers()),
                    abbreviate(s.waitingOn()), s.failedTasks() > 0 ? "; " + s.failedTasks() + " waiting task(s) failed" : "");
        }
        r.latencyByPriority().forEach((k, p) -> out.println("  priority " + k + "  " + line(p)));
        for (ErrorTable.Entry e : r.errors()) {
            out.printf(Locale.ROOT, "  error       %d x %s%n", e.count(), e.describe());
        }
        for (String note : r.notes()) {
            out.println("  note        " + note);
        }
        for (dev.poolscope.tuning.Suggestion s : dev.poolscope.tuning.Advice.of(r)) {
            out.println("  advice      " + s);
        }
    }

    private static String abbreviate(java.util.List<Long> ids) {
        if (ids.size() <= 12) {
            return ids.toString();
        }
        return ids.subList(0, 12).toString().replace("]", ", ... (" + ids.size() + " in all)]");
    }

    private static String line(Percentiles p) {
        return "p50 " + fmt(p.p50()) + "  p90 " + fmt(p.p90()) + "  p99 " + fmt(p.p99()) + "  max " + fmt(p.max());
    }

    /** Formats nanoseconds with a sensible unit. */
    static String fmt(long nanos) {
        if (nanos < 10_000) {
            return String.format(Locale.ROOT, "%.1f us", nanos / 1e3);
        }
        if (nanos < 10_000_000) {
            return String.format(Locale.ROOT, "%.2f ms", nanos / 1e6);
        }
        if (nanos < 10_000_000_000L) {
            return String.format(Locale.ROOT, "%.1f ms", nanos / 1e6);
        }
        return String.format(Locale.ROOT, "%.2f s", nanos / 1e9);
    }
}
