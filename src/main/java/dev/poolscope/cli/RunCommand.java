package dev.poolscope.cli;

import dev.poolscope.engine.Arrival;
import dev.poolscope.engine.InvalidSpecException;
import dev.poolscope.engine.ReportJson;
import dev.poolscope.engine.Run;
import dev.poolscope.engine.RunEngine;
import dev.poolscope.engine.RunReport;
import dev.poolscope.engine.RunSpec;
import dev.poolscope.metrics.ErrorTable;
import dev.poolscope.metrics.Percentiles;
import dev.poolscope.pool.PoolConfig;
import dev.poolscope.pool.RejectionPolicy;
import dev.poolscope.workload.WorkloadSpec;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;

/** {@code poolscope run}: one headless run with a summary or a JSON report. */
@Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Run a workload on a pool and report throughput, latency and task outcomes.")
public final class RunCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec cmd;

    @Option(names = "--pool", paramLabel = "KIND", defaultValue = "fixed",
            description = "pool kind: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE})",
            completionCandidates = PoolNames.class)
    String pool;

    @Option(names = "--workers", paramLabel = "N", description = "worker count (default: the number of cores)")
    Integer workers;

    @Option(names = "--workload", paramLabel = "NAME[:key=value,...]", defaultValue = "cpu",
            converter = Converters.WorkloadConverter.class,
            description = "workload and parameters, e.g. cpu:size=50000 (see 'poolscope workloads'; default: ${DEFAULT-VALUE})")
    WorkloadSpec workload;

    @Option(names = "--tasks", paramLabel = "N", defaultValue = "1000", description = "tasks to submit (default: ${DEFAULT-VALUE})")
    long tasks;

    @Option(names = "--queue-capacity", paramLabel = "N", description = "queue limit (default: unbounded; 0 = direct hand-off)")
    Integer queueCapacity;

    @Option(names = "--rejection", paramLabel = "POLICY", defaultValue = "block", converter = Converters.RejectionConverter.class,
            description = "when the queue is full: block, abort, caller-runs, discard-oldest (default: ${DEFAULT-VALUE})")
    RejectionPolicy rejection;

    @Option(names = "--rate", paramLabel = "PER_SECOND", description = "open-loop arrival rate in tasks per second (default: all at once)")
    Double rate;

    @Option(names = "--arrival", paramLabel = "PATTERN", description = "arrival pattern: all, fixed, poisson, batches (default: fixed with --rate, else all)")
    String arrival;

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "100", description = "tasks per batch with --arrival batches (default: ${DEFAULT-VALUE})")
    int batchSize;

    @Option(names = "--batch-interval", paramLabel = "DURATION", defaultValue = "1s", converter = Converters.DurationConverter.class,
            description = "time between batches with --arrival batches (default: ${DEFAULT-VALUE})")
    Duration batchInterval;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "42", description = "random seed for workloads and arrivals (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--task-timeout", paramLabel = "DURATION", converter = Converters.DurationConverter.class,
            description = "longest a task may run once started, e.g. 500ms (default: none)")
    Duration taskTimeout;

    @Option(names = "--sample-interval", paramLabel = "DURATION", defaultValue = "100ms", converter = Converters.DurationConverter.class,
            description = "time between metric samples (default: ${DEFAULT-VALUE})")
    Duration sampleInterval;

    @Option(names = "--max-in-flight", paramLabel = "N", defaultValue = "65536",
            description = "with an unbounded queue, most tasks outstanding at once; bounds memory (default: ${DEFAULT-VALUE})")
    int maxInFlight;

    @Option(names = "--max-tasks-per-worker", paramLabel = "N", defaultValue = "0",
            description = "process pool: replace a worker process after N tasks (default: ${DEFAULT-VALUE} = never)")
    int maxTasksPerWorker;

    @Option(names = "--worker-jvm-option", paramLabel = "OPT",
            description = "process pool: an extra JVM option for every worker, e.g. -Xmx64m (repeatable)")
    List<String> workerJvmOptions = new ArrayList<>();

    @Option(names = "--json", paramLabel = "FILE|-", description = "write the report as JSON to FILE, or to stdout with '-'")
    String json;

    @Option(names = "--no-progress", description = "do not show the progress bar on stderr")
    boolean noProgress;

    @Option(names = "--jfr", paramLabel = "FILE", description = "record the run with JDK Flight Recorder into FILE"
            + " (an event per task, dev.poolscope.Task, and pool samples)")
    Path jfr;
    private RunRecording recording;

    /** Pool kind names for help text. */
    static final class PoolNames implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return RunEngine.standard().pools().names().iterator();
        }
    }

    /** Builds the spec from the options; throws {@link InvalidSpecException} for bad combinations. */
    RunSpec spec() {
        int n = workers != null ? workers : Runtime.getRuntime().availableProcessors();
        RunSpec s = RunSpec.of(pool, n, workload, tasks)
                .withQueue(queueCapacity == null ? PoolConfig.UNBOUNDED : queueCapacity, rejection)
                .withSeed(seed)
                .withTaskTimeout(taskTimeout == null ? Duration.ZERO : taskTimeout)
                .withSampleInterval(sampleInterval)
                .withMaxInFlight(maxInFlight)
                .withArrival(arrival());
        return customise(s);
    }

    /** Hook for process-pool options added by subclasses or mixins. */
    RunSpec customise(RunSpec s) {
        if (maxTasksPerWorker < 0) {
            throw new InvalidSpecException("--max-tasks-per-worker", "must be 0 (never) or more, was " + maxTasksPerWorker);
        }
        return s.withProcessOptions(maxTasksPerWorker, workerJvmOptions);
    }

    private Arrival arrival() {
        String a = arrival == null ? (rate == null ? "all" : "fixed") : arrival.toLowerCase(Locale.ROOT);
        return switch (a) {
            case "all" -> {
                if (rate != null) {
                    throw new InvalidSpecException("--rate", "cannot be used with --arrival all");
                }
                yield new Arrival.AllAtOnce();
            }
            case "fixed" -> new Arrival.FixedRate(requireRate(a));
            case "poisson" -> new Arrival.Poisson(requireRate(a));
            case "batches" -> new Arrival.Batches(batchSize, batchInterval);
            default -> throw new InvalidSpecException("--arrival", "unknown arrival pattern '" + arrival
                    + "'; allowed: all, fixed, poisson, batches");
        };
    }

    private double requireRate(String pattern) {
        if (rate == null) {
            throw new InvalidSpecException("--rate", "is required with --arrival " + pattern);
        }
        return rate;
    }

    @Override
    public Integer call() throws Exception {
        RunSpec spec = spec();
        PrintWriter out = cmd.commandLine().getOut();
        PrintWriter err = cmd.commandLine().getErr();
        boolean jsonToStdout = "-".equals(json);
        recording = RunRecording.start(jfr, spec.sampleInterval());
        Run run = RunEngine.standard().start(spec);
        ProgressBar bar = (noProgress || jsonToStdout) ? null : new ProgressBar(err, spec.tasks());
        if (bar != null) {
            run.addListener(bar::update);
        }
        AtomicBoolean printed = new AtomicBoolean();
        Thread hook = new Thread(() -> {
            // Ctrl-C: stop the run, then print the consistent report it ends with
            run.stop();
            try {
                RunReport r = run.await(Duration.ofSeconds(15));
                if (printed.compareAndSet(false, true)) {
                    if (bar != null) {
                        bar.finish();
                    }
                    emit(r, out, err);
                }
            } catch (Exception e) {
                err.println("poolscope run: interrupted; the run did not end in time: " + e.getMessage());
            }
            out.flush();
            err.flush();
        }, "poolscope-interrupt");
        Runtime.getRuntime().addShutdownHook(hook);
        RunReport report;
        try {
            report = run.report().get();
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is already running and will print
            }
        }
        if (printed.compareAndSet(false, true)) {
            if (bar != null) {
                bar.finish();
            }
            emit(report, out, err);
        }
        return 0;
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
        for (ErrorTable.Entry e : r.errors()) {
            out.printf(Locale.ROOT, "  error       %d x %s: %s%n", e.count(), e.type(), e.message());
        }
        for (String note : r.notes()) {
            out.println("  note        " + note);
        }
        for (dev.poolscope.tuning.Suggestion s : dev.poolscope.tuning.Advice.of(r)) {
            out.println("  advice      " + s);
        }
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
