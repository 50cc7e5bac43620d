package dev.poolscope.cli;

import dev.poolscope.engine.RunEngine;
import dev.poolscope.engine.RunSpec;
import dev.poolscope.pool.PoolConfig;
import dev.poolscope.pool.PoolKind;
import dev.poolscope.pool.RejectionPolicy;
import dev.poolscope.tuning.Recommendation;
import dev.poolscope.tuning.ScalabilityFit;
import dev.poolscope.tuning.Sweep;
import dev.poolscope.tuning.SweepJson;
import dev.poolscope.tuning.SweepListener;
import dev.poolscope.tuning.SweepPoint;
import dev.poolscope.tuning.SweepResult;
import dev.poolscope.tuning.SweepSpec;
import dev.poolscope.tuning.WorkerCounts;
import dev.poolscope.engine.InvalidSpecException;
import dev.poolscope.workload.WorkloadSpec;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** {@code poolscope sweep}: runs a workload over worker counts, fits scalability models and recommends a count. */
@Command(name = "sweep", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run a workload across worker counts (one run at a time), fit Amdahl's law and the Universal "
                + "Scalability Law, and recommend a worker count per pool kind.",
                "Rule: the smallest count within 5%% of the best median throughput, or with --p99-target the largest "
                        + "count whose median p99 latency meets the target."})
public final class SweepCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec cmd;

    @Option(names = "--pool", paramLabel = "KIND[,KIND...]", defaultValue = "fixed",
            description = "pool kinds to sweep, comma-separated: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE})",
            completionCandidates = RunCommand.PoolNames.class)
    String pools;

    @Option(names = "--workers", paramLabel = "COUNTS", defaultValue = "1..8",
            description = "worker counts: 1,2,4,8 or 1..16 or 2..32:2 or 1..64:x2 (default: ${DEFAULT-VALUE})")
    String workers;

    @Option(names = "--workload", paramLabel = "NAME[:key=value,...]", defaultValue = "cpu",
            converter = Converters.WorkloadConverter.class,
            description = "workload and parameters, e.g. cpu:size=50000 or io:millis=20 (default: ${DEFAULT-VALUE})")
    WorkloadSpec workload;

    @Option(names = "--tasks", paramLabel = "N", defaultValue = "400", description = "tasks per run (default: ${DEFAULT-VALUE})")
    long tasks;

    @Option(names = "--repeat", paramLabel = "R", defaultValue = "5",
            description = "runs per point; points report medians, repetitions go in interleaved rounds (default: ${DEFAULT-VALUE})")
    int repeat;

    @Option(names = "--p99-target", paramLabel = "DURATION", converter = Converters.DurationConverter.class,
            description = "recommend the largest count whose median p99 latency is within this, e.g. 50ms")
    Duration p99Target;

    @Option(names = "--queue-capacity", paramLabel = "N", description = "queue limit per run (default: unbounded)")
    Integer queueCapacity;

    @Option(names = "--rejection", paramLabel = "POLICY", defaultValue = "block", converter = Converters.RejectionConverter.class,
            description = "when the queue is full: block, abort, caller-runs, discard-oldest (default: ${DEFAULT-VALUE})")
    RejectionPolicy rejection;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "42", description = "random seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--queue-order", paramLabel = "ORDER[,ORDER...]",
            description = "queue orders to compare, comma-separated: fifo, lifo, priority, shortest; each kind runs with each"
                    + " (fixed, virtual, process; default: fifo)")
    String queueOrders;

    @Option(names = "--no-warmup", description = "skip the unmeasured warm-up run before the sweep")
    boolean noWarmup;

    @Option(names = "--json", paramLabel = "FILE|-", description = "write the result as JSON to FILE, or to stdout with '-'")
    String json;

    @Option(names = "--no-progress", description = "do not show progress on stderr")
    boolean noProgress;

    /** Builds the sweep from the options. */
    SweepSpec spec(RunEngine engine) {
        List<String> kinds = Arrays.stream(pools.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        if (kinds.isEmpty()) {
            throw new InvalidSpecException("--pool", "name at least one pool kind; allowed: " + String.join(", ", engine.pools().names()));
        }
        int max = Integer.MAX_VALUE;
        for (String k : kinds) {
            PoolKind kind = engine.pools().find(k).orElseThrow(() -> new InvalidSpecException("--pool",
                    "unknown pool '" + k + "'; allowed: " + String.join(", ", engine.pools().names())));
            max = Math.min(max, kind.maxWorkers());
        }
        List<String> names = kinds.stream().map(k -> engine.pools().get(k).name()).toList();
        if (queueOrders != null) {
            List<String> orders = new java.util.ArrayList<>();
            for (String o : queueOrders.split(",")) {
                if (!o.isBlank()) {
                    try {
                        orders.add(dev.poolscope.pool.QueueOrder.parse(o).cliName());
                    } catch (IllegalArgumentException e) {
                        throw new InvalidSpecException("--queue-order", e.getMessage());
                    }
                }
            }
            if (orders.isEmpty()) {
                throw new InvalidSpecException("--queue-order", "name at least one order; allowed: " + dev.poolscope.pool.QueueOrder.allowed());
            }
            names = names.stream().flatMap(k -> orders.stream().map(o -> k + "/" + o)).toList();
        }
        List<Integer> counts = WorkerCounts.parse(workers, max);
        RunSpec base = RunSpec.of(dev.poolscope.tuning.SweepSpec.kindOf(names.get(0)), counts.get(0), workload, tasks)
                .withQueue(queueCapacity == null ? PoolConfig.UNBOUNDED : queueCapacity, rejection)
                .withSeed(seed);
        SweepSpec s = new SweepSpec(base, names, counts, repeat, p99Target, !noWarmup);
        s.validate(engine.pools(), engine.workloads());
        return s;
    }

    @Override
    public Integer call() throws Exception {
        RunEngine engine = RunEngine.standard();
        SweepSpec spec = spec(engine);
        PrintWriter out = cmd.commandLine().getOut();
        PrintWriter err = cmd.commandLine().getErr();
        Progress progress = new Progress(err, !noProgress);
        CompletableFuture<SweepResult> result = new CompletableFuture<>();
        try (InterruptGuard guard = InterruptGuard.install("poolscope sweep", "sweep", out, err)) {
            // Ctrl-C from here on: "not started", or cancel and print what was measured
            Sweep sweep = guard.start(() -> new Sweep(engine, spec), s -> {
                s.cancel();
                SweepResult r;
                try {
                    r = result.get(15, TimeUnit.SECONDS);
                } catch (Exception e) {
                    guard.print(() -> err.println("poolscope sweep: interrupted; the current run did not end in time"));
                    return;
                }
                guard.print(() -> emitOrSayNothing(r, out, err, progress));
            });
            if (sweep == null) {
                return 130;
            }
            try {
                result.complete(sweep.run(progress));
            } catch (RuntimeException | InterruptedException e) {
                result.completeExceptionally(e);
                throw e;
            }
            guard.close();
            SweepResult r = result.get();
            guard.print(() -> emitOrSayNothing(r, out, err, progress));
        }
        return 0;
    }

    private void emitOrSayNothing(SweepResult r, PrintWriter out, PrintWriter err, Progress progress) {
        progress.endLine();
        if (r.points().isEmpty()) {
            err.println("poolscope sweep: cancelled before any point was measured");
            err.flush();
            return;
        }
        emit(r, out);
    }

    private void emit(SweepResult r, PrintWriter out) {
        if (json == null) {
            printTable(r, out);
        } else if ("-".equals(json)) {
            out.println(SweepJson.toJson(r));
        } else {
            try {
                Files.writeString(Path.of(json), SweepJson.toJson(r) + System.lineSeparator());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            printTable(r, out);
            out.println("result written to " + json);
        }
        out.flush();
    }

    /** Prints the readable form: points, fits, recommendations. */
    static void printTable(SweepResult r, PrintWriter out) {
        SweepSpec s = r.spec();
        out.printf(Locale.ROOT, "PoolScope sweep: %s, %d tasks per run, %d repetition%s per point, %d cores%s%n",
                s.base().workload(), s.base().tasks(), s.repetitions(), s.repetitions() == 1 ? "" : "s", r.cores(),
                r.cancelled() ? " -- cancelled" : "");
        out.printf(Locale.ROOT, "  %-10s %7s %12s %11s %11s %7s %7s%n", "pool", "workers", "tasks/s", "p50", "p99", "spread", "others");
        for (SweepPoint p : r.points()) {
            Recommendation rec = r.recommendations().get(p.pool());
            boolean chosen = rec != null && rec.workers() == p.workers();
            out.printf(Locale.ROOT, "%s %-10s %7d %12.1f %11s %11s %6.0f%% %7s%n", chosen ? "*" : " ", p.pool(), p.workers(),
                    p.throughputPerSecond(), RunCommand.fmt((long) (p.p50Micros() * 1000)),
                    RunCommand.fmt((long) (p.p99Micros() * 1000)), p.relativeSpread() * 100,
                    Double.isNaN(p.backgroundCores()) ? "-" : String.format(Locale.ROOT, "%.2f", p.backgroundCores()));
        }
        if (!r.fits().isEmpty()) {
            out.println();
            out.printf(Locale.ROOT, "  %-10s %-7s %10s %10s %12s %6s%n", "pool", "model", "sigma", "kappa", "lambda/s", "r2");
            for (ScalabilityFit f : r.fits()) {
                out.printf(Locale.ROOT, "  %-10s %-7s %10.4f %10.6f %12.1f %6.3f%n", f.pool(), f.model().jsonName(),
                        f.sigma(), f.kappa(), f.lambda(), f.r2());
            }
        }
        out.println();
        out.println("Recommended: " + String.join(", ", r.recommendedWorkers().entrySet().stream()
                .map(e -> e.getKey() + " " + e.getValue()).toList()));
        for (Recommendation rec : r.recommendations().values()) {
            out.println("  " + rec.explanation());
        }
        if (!r.machineNote().isEmpty()) {
            out.println("  " + r.machineNote() + " ('others' column: cores other processes used during each point's runs.)");
        }
        out.println("  ('spread' is how far a point's repetitions differed: (max - min) / median.)");
    }

    /** One line per run on stderr. */
    private static final class Progress implements SweepListener {
        private final PrintWriter err;
        private final boolean on;
        private boolean midLine;

        Progress(PrintWriter err, boolean on) {
            this.err = err;
            this.on = on;
        }

        @Override
        public synchronized void warmingUp(RunSpec spec) {
            if (on) {
                err.println("warming up: " + spec.describe());
                err.flush();
            }
        }

        @Override
        public synchronized void runStarting(RunSpec spec, int index, int total, int repetition) {
            if (on) {
                err.printf(Locale.ROOT, "[%d/%d] %s x%d (round %d)", index + 1, total, spec.pool(), spec.workers(), repetition);
                err.flush();
                midLine = true;
            }
        }

        @Override
        public synchronized void pointMeasured(SweepPoint point, SweepResult analysis, int done, int total) {
            if (on) {
                double last = point.throughputs().get(point.throughputs().size() - 1);
                err.printf(Locale.ROOT, "  %.1f tasks/s%n", last);
                err.flush();
                midLine = false;
            }
        }

        /** Ends a half-written progress line (before a result or message). */
        synchronized void endLine() {
            if (midLine) {
                err.println();
                err.flush();
                midLine = false;
            }
        }
    }
}
