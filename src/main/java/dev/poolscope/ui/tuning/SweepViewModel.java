package dev.poolscope.ui.tuning;

import dev.poolscope.engine.Durations;
import dev.poolscope.engine.InvalidSpecException;
import dev.poolscope.engine.RunEngine;
import dev.poolscope.engine.RunSpec;
import dev.poolscope.pool.PoolConfig;
import dev.poolscope.pool.PoolKind;
import dev.poolscope.tuning.Sweep;
import dev.poolscope.tuning.SweepListener;
import dev.poolscope.tuning.SweepPoint;
import dev.poolscope.tuning.SweepResult;
import dev.poolscope.tuning.SweepSpec;
import dev.poolscope.tuning.WorkerCounts;
import dev.poolscope.workload.WorkloadSpec;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The Sweep view's state: the form as writable properties, the sweep's progress
 * and result as read-only ones. The sweep runs on its own thread; its updates
 * reach the properties through {@code uiExecutor} (the FX thread in the app, a
 * direct executor in tests), coalesced so that only the latest is applied.
 */
public final class SweepViewModel {
    /** Where the view is. */
    public enum Phase { IDLE, RUNNING, DONE, CANCELLED, FAILED }

    private final RunEngine engine;
    private final Executor uiExecutor;

    private final Map<String, BooleanProperty> poolSelected = new LinkedHashMap<>();
    private final StringProperty workers = new SimpleStringProperty("1..8");
    private final StringProperty workload = new SimpleStringProperty("cpu");
    private final StringProperty tasks = new SimpleStringProperty("400");
    private final StringProperty repeat = new SimpleStringProperty("5");
    private final StringProperty p99Target = new SimpleStringProperty("");

    private final ReadOnlyObjectWrapper<Phase> phase = new ReadOnlyObjectWrapper<>(Phase.IDLE);
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(0);
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("Choose pools, worker counts and a workload, then Start.");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<SweepResult> result = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(false);

    private final AtomicReference<Update> latest = new AtomicReference<>();
    private final AtomicBoolean pending = new AtomicBoolean();
    private volatile Sweep sweep;

    /** One coalesced update from the sweep thread. */
    private record Update(SweepResult analysis, double progress, String status, Phase phase, String error) {
    }

    /**
     * @param engine where runs start
     * @param uiExecutor runs property updates (e.g. {@code Platform::runLater})
     */
    public SweepViewModel(RunEngine engine, Executor uiExecutor) {
        this.engine = engine;
        this.uiExecutor = uiExecutor;
        for (PoolKind k : engine.pools().kinds()) {
            poolSelected.put(k.name(), new SimpleBooleanProperty(k.name().equals("fixed")));
        }
    }

    public Map<String, BooleanProperty> poolSelected() { return poolSelected; }
    public StringProperty workersProperty() { return workers; }
    public StringProperty workloadProperty() { return workload; }
    public StringProperty tasksProperty() { return tasks; }
    public StringProperty repeatProperty() { return repeat; }
    public StringProperty p99TargetProperty() { return p99Target; }
    public ReadOnlyObjectProperty<Phase> phaseProperty() { return phase.getReadOnlyProperty(); }
    public ReadOnlyDoubleProperty progressProperty() { return progress.getReadOnlyProperty(); }
    public ReadOnlyStringProperty statusProperty() { return status.getReadOnlyProperty(); }
    public ReadOnlyStringProperty errorProperty() { return error.getReadOnlyProperty(); }
    public ReadOnlyObjectProperty<SweepResult> resultProperty() { return result.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty runningProperty() { return running.getReadOnlyProperty(); }

    /**
     * Builds the sweep from the form.
     *
     * @throws InvalidSpecException naming the wrong field as its command-line option
     */
    public SweepSpec buildSpec() {
        List<String> pools = new ArrayList<>();
        poolSelected.forEach((k, v) -> {
            if (v.get()) {
                pools.add(k);
            }
        });
        if (pools.isEmpty()) {
            throw new InvalidSpecException("--pool", "tick at least one pool kind");
        }
        int max = pools.stream().mapToInt(p -> engine.pools().get(p).maxWorkers()).min().orElse(1);
        List<Integer> counts = WorkerCounts.parse(workers.get(), max);
        WorkloadSpec w;
        try {
            w = WorkloadSpec.parse(workload.get());
        } catch (IllegalArgumentException e) {
            throw new InvalidSpecException("--workload", e.getMessage());
        }
        long n = number("--tasks", tasks.get());
        int r = (int) number("--repeat", repeat.get());
        Duration target = null;
        if (p99Target.get() != null && !p99Target.get().isBlank()) {
            try {
                target = Durations.parse(p99Target.get());
            } catch (IllegalArgumentException e) {
                throw new InvalidSpecException("--p99-target", e.getMessage());
            }
        }
        RunSpec base = RunSpec.of(pools.get(0), counts.get(0), w, n).withQueue(PoolConfig.UNBOUNDED,
                dev.poolscope.pool.RejectionPolicy.BLOCK);
        SweepSpec spec = new SweepSpec(base, pools, counts, r, target, true);
        spec.validate(engine.pools(), engine.workloads());
        return spec;
    }

    private static long number(String field, String text) {
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException | NullPointerException e) {
            throw new InvalidSpecException(field, "must be a whole number, was '" + text + "'");
        }
    }

    /**
     * Starts a sweep from the form on a new thread. Invalid input sets
     * {@link #errorProperty()} and starts nothing. Call on the UI thread.
     *
     * @return completes with the result once it has been applied to the properties
     *         (or exceptionally if the sweep failed); null if nothing started
     */
    public CompletableFuture<SweepResult> start() {
        if (running.get()) {
            return null;
        }
        SweepSpec spec;
        try {
            spec = buildSpec();
        } catch (InvalidSpecException e) {
            error.set(e.getMessage());
            return null;
        }
        Sweep s = new Sweep(engine, spec);
        sweep = s;
        error.set("");
        result.set(null);
        progress.set(0);
        phase.set(Phase.RUNNING);
        running.set(true);
        status.set("Starting: " + spec.totalRuns() + " runs, one at a time.");
        CompletableFuture<SweepResult> done = new CompletableFuture<>();
        Thread.ofPlatform().daemon(true).name("poolscope-sweep").start(() -> {
            try {
                SweepResult r = s.run(new SweepListener() {
                    @Override
                    public void warmingUp(RunSpec rs) {
                        post(new Update(null, 0, "Warming up: " + rs.describe(), Phase.RUNNING, null));
                    }

                    @Override
                    public void runStarting(RunSpec rs, int index, int total, int repetition) {
                        post(new Update(null, index / (double) total, String.format(Locale.ROOT,
                                "Run %d of %d: %s x%d (round %d)", index + 1, total, rs.pool(), rs.workers(), repetition),
                                Phase.RUNNING, null));
                    }

                    @Override
                    public void pointMeasured(SweepPoint point, SweepResult analysis, int doneRuns, int total) {
                        post(new Update(analysis, doneRuns / (double) total, null, Phase.RUNNING, null));
                    }
                });
                Phase end = r.cancelled() ? Phase.CANCELLED : Phase.DONE;
                String text = r.cancelled() ? "Cancelled; " + r.points().size() + " points measured." : "Done.";
                finish(new Update(r, r.cancelled() ? progress.get() : 1, text, end, null), done, r);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                finish(new Update(null, 0, "Interrupted.", Phase.CANCELLED, null), done, null);
            } catch (RuntimeException e) {
                finish(new Update(null, 0, "Failed.", Phase.FAILED, e.getMessage()), done, null);
            }
        });
        return done;
    }

    /** Cancels the running sweep; its current run is stopped. */
    public void cancel() {
        Sweep s = sweep;
        if (s != null) {
            s.cancel();
        }
    }

    /** The run the recommendation for {@code pool} describes, or null before a result. */
    public RunSpec recommendedRun(String pool) {
        SweepResult r = result.get();
        if (r == null || !r.recommendations().containsKey(pool)) {
            return null;
        }
        return r.spec().pointSpec(pool, r.recommendations().get(pool).workers());
    }

    private void post(Update u) {
        // keep the latest analysis if this update carries none
        latest.getAndUpdate(prev -> u.analysis() == null && prev != null && prev.analysis() != null
                ? new Update(prev.analysis(), u.progress(), u.status() == null ? prev.status() : u.status(), u.phase(), u.error())
                : u);
        if (pending.compareAndSet(false, true)) {
            uiExecutor.execute(this::apply);
        }
    }

    private void finish(Update u, CompletableFuture<SweepResult> done, SweepResult r) {
        uiExecutor.execute(() -> {
            pending.set(false);
            latest.set(null);
            applyUpdate(u);
            running.set(false);
            sweep = null;
            if (u.phase() == Phase.FAILED) {
                done.completeExceptionally(new IllegalStateException(u.error()));
            } else {
                done.complete(r);
            }
        });
    }

    private void apply() {
        pending.set(false);
        Update u = latest.getAndSet(null);
        if (u != null && running.get()) {
            applyUpdate(u);
        }
    }

    private void applyUpdate(Update u) {
        if (u.analysis() != null) {
            result.set(u.analysis());
        }
        progress.set(u.progress());
        if (u.status() != null) {
            status.set(u.status());
        }
        phase.set(u.phase());
        if (u.error() != null) {
            error.set(u.error());
        }
    }
}
