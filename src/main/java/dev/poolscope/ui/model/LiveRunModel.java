package dev.poolscope.ui.model;

import dev.poolscope.tuning.PoolFigures;
import dev.poolscope.tuning.PoolRules;
import dev.poolscope.tuning.Suggestion;
import dev.poolscope.engine.RunReport;
import dev.poolscope.engine.RunSpec;
import dev.poolscope.metrics.ChartSample;
import dev.poolscope.metrics.Counts;
import dev.poolscope.metrics.HistogramBuckets;
import dev.poolscope.metrics.MetricsSnapshot;
import dev.poolscope.metrics.Percentiles;
import dev.poolscope.metrics.TaskSpan;
import dev.poolscope.metrics.WorkerSnapshot;
import dev.poolscope.metrics.WorkerState;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.List;

/**
 * The current run as the live view shows it: state, progress, headline
 * figures and bounded chart series. Fed one snapshot at a time on the FX
 * thread (by {@code dev.poolscope.ui.run.SnapshotAdapter}); usable without the
 * toolkit in tests.
 */
public final class LiveRunModel {
    private final javafx.beans.property.ReadOnlyObjectWrapper<RunReport> lastReport = new javafx.beans.property.ReadOnlyObjectWrapper<>();

    /** The report of the last run that ended, or null. */
    public javafx.beans.property.ReadOnlyObjectProperty<RunReport> lastReportProperty() {
        return lastReport.getReadOnlyProperty();
    }

    /** Points each live series keeps (older ones are thinned). */
    public static final int SERIES_CAPACITY = 600;
    /** Workers listed in the worker table, at most (a virtual pool may have thousands). */
    public static final int MAX_WORKER_ROWS = 256;
    /** Rows of the timeline, at most. */
    public static final int MAX_TIMELINE_ROWS = 64;

    private final int cores;
    private final ReadOnlyObjectWrapper<RunPhase> phase = new ReadOnlyObjectWrapper<>(this, "phase", RunPhase.IDLE);
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "Ready: press F5 to run");
    private final ReadOnlyObjectWrapper<RunSpec> spec = new ReadOnlyObjectWrapper<>(this, "spec");
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress", 0);
    private final ReadOnlyStringWrapper progressText = new ReadOnlyStringWrapper(this, "progressText", "");
    private final ReadOnlyLongWrapper done = new ReadOnlyLongWrapper(this, "done");
    private final ReadOnlyIntegerWrapper poolSize = new ReadOnlyIntegerWrapper(this, "poolSize");
    private final ReadOnlyStringWrapper throughput = new ReadOnlyStringWrapper(this, "throughput", "–");
    private final ReadOnlyStringWrapper latency = new ReadOnlyStringWrapper(this, "latency", "–");
    private final ReadOnlyStringWrapper service = new ReadOnlyStringWrapper(this, "service", "–");
    private final ReadOnlyStringWrapper cpu = new ReadOnlyStringWrapper(this, "cpu", "–");
    private final ReadOnlyStringWrapper workers = new ReadOnlyStringWrapper(this, "workers", "–");
    private final ReadOnlyStringWrapper littlesLaw = new ReadOnlyStringWrapper(this, "littlesLaw", "–");
    private final ReadOnlyStringWrapper outcomes = new ReadOnlyStringWrapper(this, "outcomes", "–");
    private final ReadOnlyStringWrapper insight = new ReadOnlyStringWrapper(this, "insight", "");
    private final ReadOnlyObjectWrapper<TimelineFrame> timeline = new ReadOnlyObjectWrapper<>(this, "timeline", TimelineFrame.EMPTY);
    private final javafx.beans.property.ReadOnlyBooleanWrapper poolGone = new javafx.beans.property.ReadOnlyBooleanWrapper(this, "poolGone");
    private final ReadOnlyObjectWrapper<MetricsSnapshot> snapshot = new ReadOnlyObjectWrapper<>(this, "snapshot");
    private final ObservableList<WorkerRow> workerRows = FXCollections.observableArrayList();
    private final java.util.Map<Integer, WorkerRow> rowById = new java.util.HashMap<>();
    private final ObservableList<HistogramBar> histogram = FXCollections.observableArrayList();
    private final ObservableList<WorkerRow> workerView = FXCollections.unmodifiableObservableList(workerRows);
    private final ObservableList<HistogramBar> histogramView = FXCollections.unmodifiableObservableList(histogram);

    private final SeriesBuffer queueDepth = new SeriesBuffer("queue depth", SERIES_CAPACITY);
    private final SeriesBuffer throughputSeries = new SeriesBuffer("tasks/s", SERIES_CAPACITY);
    private final SeriesBuffer p50 = new SeriesBuffer("p50", SERIES_CAPACITY);
    private final SeriesBuffer p90 = new SeriesBuffer("p90", SERIES_CAPACITY);
    private final SeriesBuffer p99 = new SeriesBuffer("p99", SERIES_CAPACITY);
    private final SeriesBuffer active = new SeriesBuffer("active", SERIES_CAPACITY);
    private final SeriesBuffer size = new SeriesBuffer("pool size", SERIES_CAPACITY);

    private double queueArea;
    private double lastT;
    private double lastQueue = -1;
    private long lastRan;
    private double lastRanT;
    private long lastWorkerCpu = -1;
    private double lastRanTForCpu;
    private double lastWorkerFraction;
    private long snapshots;
    private long lastSequence = -1;

    /** A model for a machine with {@code cores} cores. */
    public LiveRunModel(int cores) {
        this.cores = Math.max(1, cores);
    }

    /** Clears everything for a run about to start. */
    public void begin(RunSpec s) {
        spec.set(s);
        phase.set(RunPhase.STARTING);
        status.set("Starting " + s.describe());
        for (SeriesBuffer b : series()) {
            b.clear();
        }
        histogram.clear();
        workerRows.clear();
        rowById.clear();
        poolGone.set(false);
        timeline.set(TimelineFrame.EMPTY);
        snapshot.set(null);
        progress.set(0);
        done.set(0);
        progressText.set("0 / " + Format.count(s.tasks()));
        poolSize.set(s.workers());
        queueArea = 0;
        lastT = 0;
        lastQueue = -1;
        lastRan = 0;
        lastRanT = 0;
        lastWorkerCpu = -1;
        lastRanTForCpu = 0;
        lastWorkerFraction = 0;
        snapshots = 0;
        lastSequence = -1;
        for (ReadOnlyStringWrapper w : List.of(throughput, latency, service, cpu, workers, littlesLaw, outcomes)) {
            w.set("–");
        }
        insight.set("");
    }

    /** The engine accepted the run. */
    public void started() {
        if (phase.get() == RunPhase.STARTING) {
            phase.set(RunPhase.RUNNING);
            status.set("Running " + spec.get().describe());
        }
    }

    /** The user asked to stop. */
    public void stopping() {
        if (phase.get().busy()) {
            phase.set(RunPhase.STOPPING);
            status.set("Stopping…");
        }
    }

    /** The engine refused to start the run or failed. */
    public void failed(String message) {
        phase.set(RunPhase.FAILED);
        status.set("Failed: " + message);
    }

    /**
     * Applies the series' part of the snapshots that were replaced before the
     * FX thread got to them (oldest first), then the latest snapshot: the
     * series get every sample that reached this JVM, the figures, histogram,
     * workers and timeline the latest.
     */
    public void apply(List<ChartSample> before, MetricsSnapshot s) {
        if (s.sequence() <= lastSequence) {
            return;
        }
        for (ChartSample c : before) {
            if (c.sequence() > lastSequence && c.sequence() < s.sequence()) {
                lastSequence = c.sequence();
                plot(c);
            }
        }
        apply(s);
    }

    /** Adds a sample to the series; the rate is that of the tasks that ran since the last sample plotted. */
    private double plot(ChartSample c) {
        double t = c.elapsedNanos() / 1e9;
        double rate = t > lastRanT ? Counts.throughput(c.ran() - lastRan, Math.round((t - lastRanT) * 1e9)) : 0;
        lastRan = c.ran();
        lastRanT = t;
        queueDepth.add(t, c.queueDepth());
        throughputSeries.add(t, rate);
        if (c.latency().count() > 0) {
            p50.add(t, Percentiles.micros(c.latency().p50()) / 1000);
            p90.add(t, Percentiles.micros(c.latency().p90()) / 1000);
            p99.add(t, Percentiles.micros(c.latency().p99()) / 1000);
        }
        active.add(t, c.activeWorkers());
        size.add(t, c.poolSize());
        // time-weighted queue depth, trapezoids between the samples plotted (some may have been coalesced away)
        double q = c.queueDepth();
        queueArea += (lastQueue < 0 ? q : (lastQueue + q) / 2) * Math.max(0, t - lastT);
        lastT = t;
        lastQueue = q;
        return rate;
    }

    /** Applies one snapshot: figures, series, histogram, workers and timeline. */
    public void apply(MetricsSnapshot s) {
        if (s.sequence() <= lastSequence) {
            return; // already shown (the final snapshot may arrive twice)
        }
        lastSequence = s.sequence();
        snapshot.set(s);
        RunSpec sp = spec.get();
        long total = sp == null ? 0 : sp.tasks();
        double t = s.elapsedNanos() / 1e9;
        snapshots++;
        long ended = s.counts().ended();
        done.set(ended);
        progress.set(total <= 0 ? 1 : Math.min(1, ended / (double) total));
        // throughput as everywhere (Counts.throughput): tasks that ran to an end, over the samples plotted
        double rate = plot(ChartSample.of(s));
        double avgRate = s.counts().throughput(s.elapsedNanos());
        String eta = ended >= total ? "done" : avgRate > 0 ? "ETA " + Format.eta((total - ended) / avgRate) : "ETA –";
        progressText.set(Format.count(ended) + " / " + Format.count(total) + "  ·  " + eta);
        poolSize.set(s.poolSize());

        throughput.set(Format.rate(rate) + "\n(run average " + Format.rate(avgRate) + ")");
        Percentiles lat = s.latency().count() > 0 ? s.latency() : s.totalLatency();
        latency.set(Format.nanos(lat.p50()) + " / " + Format.nanos(lat.p99()));
        Percentiles svc = s.service().count() > 0 ? s.service() : s.totalService();
        service.set(Format.nanos(svc.mean()) + " avg per task");
        // worker processes (process pools) report their own CPU time; add it to this JVM's
        double workersCpu = workerCpuFraction(s, t);
        double totalCpu = s.processCpuFraction() < 0 ? -1 : Math.min(1, s.processCpuFraction() + Math.max(0, workersCpu));
        cpu.set(totalCpu < 0 ? "–" : Format.percent(totalCpu) + " of " + cores + " cores"
                + (workersCpu >= 0 ? "\n(this JVM " + Format.percent(s.processCpuFraction()) + ", workers " + Format.percent(workersCpu) + ")" : ""));
        workers.set(s.activeWorkers() + " busy of " + s.poolSize() + (s.liveWorkers() != s.poolSize() ? " (" + s.liveWorkers() + " live)" : ""));
        outcomes.set(Format.count(s.counts().succeeded()) + " ok · " + Format.count(s.counts().failed()) + " failed · "
                + Format.count(s.counts().rejected()) + " rejected · " + Format.count(s.counts().timedOut()) + " timed out"
                + (s.counts().cancelled() > 0 ? " · " + Format.count(s.counts().cancelled()) + " cancelled" : ""));

        littlesLaw.set(littles(s, t));
        insight.set(insight(s, totalCpu));
        updateHistogram(s.latencyHistogram());
        List<WorkerSnapshot> current = s.workers().stream().filter(w -> w.state() != WorkerState.RETIRED).toList();
        if (s.workers().isEmpty() && !workerRows.isEmpty()) {
            return; // nothing new of the workers: keep the last ones and the timeline in view
        }
        updateRows(s.workers().size() <= MAX_WORKER_ROWS ? s.workers() : s.workers().subList(0, MAX_WORKER_ROWS));
        if (current.isEmpty()) {
            poolGone.set(true); // every worker has ended: the rows show how; the timeline keeps its last frame
            return;
        }
        long now = s.elapsedNanos();
        for (TaskSpan span : s.spans()) {
            now = Math.max(now, Math.max(span.startNanos(), span.endNanos()));
        }
        timeline.set(new TimelineFrame(now, current.size() <= MAX_TIMELINE_ROWS ? current : current.subList(0, MAX_TIMELINE_ROWS), s.spans()));
    }

    /** CPU of worker processes since the last snapshot shown, as a fraction of all cores, or -1 if the workers are threads. */
    private double workerCpuFraction(MetricsSnapshot s, double t) {
        long sum = 0;
        boolean any = false;
        for (WorkerSnapshot w : s.workers()) {
            if (w.cpuNanos() >= 0) {
                sum += w.cpuNanos();
                any = true;
            }
        }
        if (!any) {
            return -1;
        }
        // worker processes report CPU time now and then, not every sample: rate over the time since it last moved
        if (lastWorkerCpu < 0) {
            lastWorkerCpu = sum;
            lastRanTForCpu = t;
            return 0;
        }
        if (sum != lastWorkerCpu && t > lastRanTForCpu) {
            lastWorkerFraction = Math.min(1, Math.max(0, (sum - lastWorkerCpu) / 1e9 / (t - lastRanTForCpu) / cores));
            lastWorkerCpu = sum;
            lastRanTForCpu = t;
        } else if (t - lastRanTForCpu > 3) {
            lastWorkerFraction = 0; // no report for a while: the workers are idle or gone
        }
        return lastWorkerFraction;
    }

    private void updateRows(List<WorkerSnapshot> now) {
        java.util.Set<Integer> seen = new java.util.HashSet<>();
        for (WorkerSnapshot w : now) {
            seen.add(w.id());
            WorkerRow row = rowById.get(w.id());
            if (row == null) {
                row = new WorkerRow(w);
                rowById.put(w.id(), row);
                workerRows.add(row);
            } else {
                row.update(w);
            }
        }
        if (rowById.size() > seen.size()) {
            workerRows.removeIf(r -> !seen.contains(r.id()));
            rowById.keySet().retainAll(seen);
        }
    }

    private String littles(MetricsSnapshot s, double t) {
        if (t <= 0 || s.totalWait().count() == 0) {
            return "–";
        }
        double l = queueArea / t;
        double lambda = s.totalWait().count() / t;
        double w = s.totalWait().mean() / 1e9;
        double lw = lambda * w;
        String note = s.queueDepth() > 0 && Math.abs(l - lw) > 0.25 * Math.max(l, lw) ? "  (they meet as the queue drains)" : "";
        return "L = " + Format.decimal(l, 1) + " queued  vs  λ·W = " + Format.rate(lambda) + " × " + Format.nanos(w * 1e9)
                + " = " + Format.decimal(lw, 1) + note;
    }

    /** The first of the pool rules that applies to the live figures (the same rules as the advice after a run). */
    private String insight(MetricsSnapshot s, double c) {
        if (s.stall() != null) {
            return stallInsight(s.stall());
        }
        RunSpec sp = spec.get();
        if (sp == null) {
            return "";
        }
        return PoolRules.all(PoolFigures.live(s, sp, cores, c < 0 ? Double.NaN : c * cores)).stream()
                .findFirst().map(Suggestion::text).orElse("");
    }


    /**
     * A stall in place of the usual hint: what it is, the wait-for chain (each
     * waiting worker and the task it waits for), and what the pool does about it.
     */
    static String stallInsight(dev.poolscope.metrics.StallStatus st) {
        StringBuilder sb = new StringBuilder(st.deadlocked()
                ? "Starvation deadlock: every worker waits for a task queued in its own pool, so nothing can run."
                : "Throughput collapsed: " + st.workers().size() + " of " + st.workerCount()
                        + " workers wait for tasks queued in their own pool.");
        sb.append(" (").append(st.lastedMillis()).append(" ms").append(st.failedTasks() > 0
                ? ", " + st.failedTasks() + " waiting tasks failed so far" : "").append(")");
        int shown = Math.min(6, st.chain().size());
        for (int i = 0; i < shown; i++) {
            sb.append("\n  ").append(st.chain().get(i).replace(" waits for ", " → "));
        }
        if (st.chain().size() > shown) {
            sb.append("\n  … and ").append(st.chain().size() - shown).append(" more");
        }
        sb.append("\nFix: forkjoin (join helps), subtasks on a pool of their own, or more workers than waiting tasks.");
        return sb.toString();
    }

    private void updateHistogram(HistogramBuckets b) {
        // bars from the first non-empty bucket on (latencies rarely start at 1 µs)
        int first = 0;
        while (first < b.counts().size() - 1 && b.counts().get(first) == 0) {
            first++;
        }
        int n = b.counts().size() - first;
        while (histogram.size() > n) {
            histogram.remove(histogram.size() - 1);
        }
        for (int i = 0; i < n; i++) {
            String label = Format.micros(b.upperMicros().get(first + i));
            long c = b.counts().get(first + i);
            if (i < histogram.size()) {
                HistogramBar d = histogram.get(i);
                if (d.label().equals(label)) {
                    if (d.count() != c) {
                        histogram.set(i, new HistogramBar(label, c));
                    }
                    continue;
                }
                histogram.remove(i, histogram.size());
            }
            histogram.add(new HistogramBar(label, c));
        }
    }

    /** The run has ended with this report. */
    public void finish(RunReport r) {
        lastReport.set(r);
        phase.set(switch (r.state()) {
            case COMPLETED -> RunPhase.COMPLETED;
            case STOPPED -> RunPhase.STOPPED;
            case FAILED, RUNNING -> RunPhase.FAILED;
        });
        long ran = r.counts().ran();
        long total = r.spec().tasks();
        done.set(r.counts().ended());
        progress.set(total <= 0 ? 1 : Math.min(1, (r.state() == dev.poolscope.engine.RunState.COMPLETED ? r.counts().ended() : ran) / (double) total));
        long notRun = r.counts().cancelled() + Math.max(0, total - r.counts().submitted());
        progressText.set(Format.count(ran) + " / " + Format.count(total) + (notRun > 0 ? " (" + Format.count(notRun) + " not run)" : "")
                + "  ·  " + Format.decimal(r.wallSeconds(), 2) + " s");
        status.set(phase.get().label() + ": " + r.spec().describe() + " in " + Format.decimal(r.wallSeconds(), 2) + " s, "
                + Format.rate(r.throughputPerSecond()) + ", p99 " + Format.nanos(r.latency().p99()));
    }

    private List<SeriesBuffer> series() {
        return List.of(queueDepth, throughputSeries, p50, p90, p99, active, size);
    }

    public ReadOnlyObjectProperty<RunPhase> phaseProperty() { return phase.getReadOnlyProperty(); }
    public RunPhase getPhase() { return phase.get(); }
    public ReadOnlyStringProperty statusProperty() { return status.getReadOnlyProperty(); }
    public ReadOnlyObjectProperty<RunSpec> specProperty() { return spec.getReadOnlyProperty(); }
    /** Tasks ended over tasks requested, 0..1. */
    public ReadOnlyDoubleProperty progressProperty() { return progress.getReadOnlyProperty(); }
    /** e.g. {@code 1,200 / 3,000 · ETA 2 s}. */
    public ReadOnlyStringProperty progressTextProperty() { return progressText.getReadOnlyProperty(); }
    public ReadOnlyLongProperty doneProperty() { return done.getReadOnlyProperty(); }
    public ReadOnlyIntegerProperty poolSizeProperty() { return poolSize.getReadOnlyProperty(); }
    public ReadOnlyStringProperty throughputProperty() { return throughput.getReadOnlyProperty(); }
    /** Interval latency p50 / p99. */
    public ReadOnlyStringProperty latencyProperty() { return latency.getReadOnlyProperty(); }
    public ReadOnlyStringProperty serviceProperty() { return service.getReadOnlyProperty(); }
    public ReadOnlyStringProperty cpuProperty() { return cpu.getReadOnlyProperty(); }
    public ReadOnlyStringProperty workersProperty() { return workers.getReadOnlyProperty(); }
    public ReadOnlyStringProperty littlesLawProperty() { return littlesLaw.getReadOnlyProperty(); }
    public ReadOnlyStringProperty outcomesProperty() { return outcomes.getReadOnlyProperty(); }
    /** A one-sentence explanation of what the figures show, or empty. */
    public ReadOnlyStringProperty insightProperty() { return insight.getReadOnlyProperty(); }
    public ReadOnlyObjectProperty<TimelineFrame> timelineProperty() { return timeline.getReadOnlyProperty(); }
    /** True once the run's pool has shut down and the worker rows show each worker's end. */
    public javafx.beans.property.ReadOnlyBooleanProperty poolGoneProperty() { return poolGone.getReadOnlyProperty(); }
    /** The snapshot shown last (null before a run's first); the pool picture draws from it. */
    public ReadOnlyObjectProperty<MetricsSnapshot> snapshotProperty() { return snapshot.getReadOnlyProperty(); }
    /** The worker table's rows: stable per worker id, updated in place. */
    public ObservableList<WorkerRow> workerRows() { return workerView; }
    /** Latency histogram bars, labelled by bucket upper bound. */
    public ObservableList<HistogramBar> histogram() { return histogramView; }
    public SeriesBuffer queueDepth() { return queueDepth; }
    public SeriesBuffer throughputSeries() { return throughputSeries; }
    /** Interval latency percentiles in milliseconds. */
    public SeriesBuffer p50() { return p50; }
    public SeriesBuffer p90() { return p90; }
    public SeriesBuffer p99() { return p99; }
    public SeriesBuffer active() { return active; }
    public SeriesBuffer poolSizeSeries() { return size; }
    /** Snapshots applied since the run began. */
    public long snapshots() { return snapshots; }
}
