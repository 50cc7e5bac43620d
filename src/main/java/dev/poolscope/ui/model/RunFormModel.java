package dev.poolscope.ui.model;

import dev.poolscope.engine.Arrival;
import dev.poolscope.engine.Durations;
import dev.poolscope.engine.InvalidSpecException;
import dev.poolscope.engine.RunSpec;
import dev.poolscope.pool.PoolConfig;
import dev.poolscope.pool.PoolKind;
import dev.poolscope.pool.PoolRegistry;
import dev.poolscope.pool.RejectionPolicy;
import dev.poolscope.workload.ParamSpec;
import dev.poolscope.workload.Workload;
import dev.poolscope.workload.WorkloadCatalog;
import dev.poolscope.workload.WorkloadSpec;
import javafx.beans.Observable;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableMap;

import java.time.Duration;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The run form's state: editable inputs, and read-only outputs derived from
 * them on every change (the spec they describe, or a reason per wrong field).
 * Usable without the JavaFX toolkit.
 */
public final class RunFormModel {
    /** Text for an unbounded queue. */
    public static final String UNBOUNDED = "unbounded";

    private final PoolRegistry pools;
    private final WorkloadCatalog workloads;

    private final StringProperty pool = new SimpleStringProperty(this, "pool");
    private final IntegerProperty workers = new SimpleIntegerProperty(this, "workers");
    private final StringProperty queueCapacity = new SimpleStringProperty(this, "queueCapacity", UNBOUNDED);
    private final ObjectProperty<RejectionPolicy> rejection = new SimpleObjectProperty<>(this, "rejection", RejectionPolicy.BLOCK);
    private final ObjectProperty<dev.poolscope.pool.QueueOrder> queueOrder =
            new SimpleObjectProperty<>(this, "queueOrder", dev.poolscope.pool.QueueOrder.FIFO);
    private final StringProperty workload = new SimpleStringProperty(this, "workload");
    private final ObservableMap<String, String> params = FXCollections.observableMap(new LinkedHashMap<>());
    private final StringProperty tasks = new SimpleStringProperty(this, "tasks", "3000");
    private final ObjectProperty<ArrivalKind> arrival = new SimpleObjectProperty<>(this, "arrival", ArrivalKind.ALL_AT_ONCE);
    private final StringProperty rate = new SimpleStringProperty(this, "rate", "1000");
    private final StringProperty seed = new SimpleStringProperty(this, "seed", "42");
    private final StringProperty taskTimeout = new SimpleStringProperty(this, "taskTimeout", "");
    private final BooleanProperty loading = new SimpleBooleanProperty(false);

    private final ReadOnlyObjectWrapper<Map<FormField, String>> errors = new ReadOnlyObjectWrapper<>(this, "errors", Map.of());
    private final ReadOnlyBooleanWrapper valid = new ReadOnlyBooleanWrapper(this, "valid");
    private final ReadOnlyObjectWrapper<RunSpec> spec = new ReadOnlyObjectWrapper<>(this, "spec");
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper(this, "problem", "");
    private final ReadOnlyIntegerWrapper maxWorkers = new ReadOnlyIntegerWrapper(this, "maxWorkers", 1);
    private final ReadOnlyBooleanWrapper processPool = new ReadOnlyBooleanWrapper(this, "processPool");

    /** A form holding the default run: the first workload on the first pool kind, one worker per core. */
    public RunFormModel(PoolRegistry pools, WorkloadCatalog workloads) {
        this.pools = pools;
        this.workloads = workloads;
        workload.addListener((o, was, now) -> {
            if (!loading.get()) {
                resetParams(now);
            }
        });
        pool.addListener((o, was, now) -> {
            PoolKind k = pools.find(now).orElse(null);
            maxWorkers.set(k == null ? 1 : k.maxWorkers());
            processPool.set(k != null && k.usesProcesses());
        });
        for (Observable o : List.of(pool, workers, queueCapacity, rejection, workload, params, tasks, arrival, rate,
                seed, taskTimeout, queueOrder)) {
            o.addListener(x -> {
                if (!loading.get()) {
                    recompute();
                }
            });
        }
        loading.set(true);
        pool.set(pools.names().contains("fixed") ? "fixed" : pools.names().get(0));
        workers.set(Runtime.getRuntime().availableProcessors());
        String w = workloads.names().contains("cpu") ? "cpu" : workloads.names().get(0);
        workload.set(w);
        resetParams(w);
        loading.set(false);
        recompute();
    }

    private void resetParams(String name) {
        Map<String, String> defaults = new LinkedHashMap<>();
        workloads.find(name).ifPresent(wl -> wl.params().forEach(p -> defaults.put(p.name(), p.defaultText())));
        boolean was = loading.get();
        loading.set(true);
        params.clear();
        params.putAll(defaults);
        loading.set(was);
        if (!was) {
            recompute();
        }
    }

    /** Fills the form from a spec (a preset or an earlier run). */
    public void load(RunSpec s) {
        loading.set(true);
        try {
            pool.set(s.pool());
            workers.set(s.workers());
            queueCapacity.set(s.queueCapacity() == PoolConfig.UNBOUNDED ? UNBOUNDED : Integer.toString(s.queueCapacity()));
            rejection.set(s.rejection());
            queueOrder.set(s.queueOrder());
            workload.set(s.workload().name());
            resetParams(s.workload().name());
            params.putAll(s.workload().params());
            tasks.set(Long.toString(s.tasks()));
            arrival.set(ArrivalKind.of(s.arrival()));
            switch (s.arrival()) {
                case Arrival.FixedRate r -> rate.set(number(r.perSecond()));
                case Arrival.Poisson p -> rate.set(number(p.perSecond()));
                default -> {
                }
            }
            seed.set(Long.toString(s.seed()));
            taskTimeout.set(s.taskTimeout().isZero() ? "" : Durations.format(s.taskTimeout()));
        } finally {
            loading.set(false);
        }
        recompute();
    }

    private static String number(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    private void recompute() {
        Map<FormField, String> errs = new EnumMap<>(FormField.class);
        int queue = PoolConfig.UNBOUNDED;
        String q = text(queueCapacity);
        if (!q.isEmpty() && !q.equalsIgnoreCase(UNBOUNDED)) {
            try {
                queue = Integer.parseInt(q);
                if (queue < 0) {
                    errs.put(FormField.QUEUE_CAPACITY, "must be 0 or more (or 'unbounded'), was " + q);
                }
            } catch (NumberFormatException e) {
                errs.put(FormField.QUEUE_CAPACITY, "must be a whole number or 'unbounded', was '" + q + "'");
            }
        }
        long taskCount = parseLong(tasks, FormField.TASKS, errs);
        long seedValue = parseLong(seed, FormField.SEED, errs);
        double perSecond = 0;
        if (arrival.get() != ArrivalKind.ALL_AT_ONCE) {
            try {
                perSecond = Double.parseDouble(text(rate));
            } catch (NumberFormatException e) {
                errs.put(FormField.RATE, "must be a number of tasks per second, was '" + text(rate) + "'");
            }
        }
        Duration timeout = Duration.ZERO;
        String t = text(taskTimeout);
        if (!t.isEmpty() && !t.equals("0") && !t.equalsIgnoreCase("none")) {
            try {
                timeout = Durations.parse(t);
            } catch (IllegalArgumentException e) {
                errs.put(FormField.TASK_TIMEOUT, e.getMessage() + " (empty for none)");
            }
        }
        Workload wl = workloads.find(workload.get()).orElse(null);
        if (wl == null) {
            errs.put(FormField.WORKLOAD, "choose a workload");
        } else {
            for (ParamSpec p : wl.params()) {
                try {
                    if (p.text()) {
                        continue;
                    }
                    p.parse(wl.name(), params.getOrDefault(p.name(), p.defaultText()));
                } catch (IllegalArgumentException e) {
                    errs.putIfAbsent(FormField.WORKLOAD, e.getMessage());
                }
            }
        }
        RunSpec built = null;
        if (errs.isEmpty()) {
            Map<String, String> overrides = new LinkedHashMap<>();
            for (ParamSpec p : wl.params()) {
                String v = params.get(p.name());
                if (v != null && (p.text() ? !v.isBlank() : p.parse(wl.name(), v) != p.defaultValue())) {
                    overrides.put(p.name(), v.trim());
                }
            }
            RunSpec candidate = RunSpec.of(pool.get() == null ? "" : pool.get(), workers.get(),
                            new WorkloadSpec(wl.name(), overrides), taskCount)
                    .withQueue(queue, rejection.get() == null ? RejectionPolicy.BLOCK : rejection.get())
                    .withArrival(arrival.get() == null ? new Arrival.AllAtOnce() : arrival.get().arrival(perSecond))
                    .withSeed(seedValue)
                    .withTaskTimeout(timeout)
                    .withQueueOrder(queueOrder.get() == null ? dev.poolscope.pool.QueueOrder.FIFO : queueOrder.get());
            try {
                candidate.validate(pools, workloads);
                built = candidate;
            } catch (InvalidSpecException e) {
                errs.put(FormField.ofOption(e.field()), stripField(e));
            }
        }
        spec.set(built);
        errors.set(Map.copyOf(errs));
        valid.set(built != null);
        problem.set(errs.entrySet().stream().findFirst()
                .map(e -> label(e.getKey()) + ": " + e.getValue()).orElse(""));
    }

    private static String stripField(InvalidSpecException e) {
        String m = e.getMessage();
        String prefix = e.field() + ": ";
        return m.startsWith(prefix) ? m.substring(prefix.length()) : m;
    }

    private static String text(StringProperty p) {
        return p.get() == null ? "" : p.get().trim();
    }

    private static long parseLong(StringProperty p, FormField field, Map<FormField, String> errs) {
        try {
            return Long.parseLong(text(p).replace("_", "").replace(",", ""));
        } catch (NumberFormatException e) {
            errs.put(field, "must be a whole number, was '" + text(p) + "'");
            return 0;
        }
    }

    /** A field's name as the form shows it. */
    public static String label(FormField f) {
        String s = f.name().toLowerCase(Locale.ROOT).replace('_', ' ');
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    /** The reason a field is wrong, or null. */
    public String errorFor(FormField f) {
        return errors.get().get(f);
    }

    public PoolRegistry pools() { return pools; }
    public WorkloadCatalog workloads() { return workloads; }

    public StringProperty poolProperty() { return pool; }
    public IntegerProperty workersProperty() { return workers; }
    public StringProperty queueCapacityProperty() { return queueCapacity; }
    public ObjectProperty<RejectionPolicy> rejectionProperty() { return rejection; }
    public ObjectProperty<dev.poolscope.pool.QueueOrder> queueOrderProperty() { return queueOrder; }
    public StringProperty workloadProperty() { return workload; }
    /** The current workload's parameter texts by name, defaults filled in. */
    public ObservableMap<String, String> params() { return params; }
    public StringProperty tasksProperty() { return tasks; }
    public ObjectProperty<ArrivalKind> arrivalProperty() { return arrival; }
    public StringProperty rateProperty() { return rate; }
    public StringProperty seedProperty() { return seed; }
    public StringProperty taskTimeoutProperty() { return taskTimeout; }

    /** Reasons by field; empty when the form is valid. */
    public ReadOnlyObjectProperty<Map<FormField, String>> errorsProperty() { return errors.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty validProperty() { return valid.getReadOnlyProperty(); }
    public boolean isValid() { return valid.get(); }
    /** The spec the form describes, or null while it is invalid. */
    public ReadOnlyObjectProperty<RunSpec> specProperty() { return spec.getReadOnlyProperty(); }
    public RunSpec getSpec() { return spec.get(); }
    /** The first reason, as one line, or empty. */
    public ReadOnlyStringProperty problemProperty() { return problem.getReadOnlyProperty(); }
    /** The chosen pool kind's largest worker count. */
    public ReadOnlyIntegerProperty maxWorkersProperty() { return maxWorkers.getReadOnlyProperty(); }
    /** True if the chosen pool kind runs workers as processes. */
    public ReadOnlyBooleanProperty processPoolProperty() { return processPool.getReadOnlyProperty(); }
}
