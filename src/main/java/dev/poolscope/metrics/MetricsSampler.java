package dev.poolscope.metrics;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Turns a pool's {@link PoolMetrics} into a stream of immutable
 * {@link MetricsSnapshot}s, one every interval, on its own daemon thread.
 *
 * <p>Each sample flips every worker's interval recorders, merges them into the
 * interval and cumulative histograms, reads the counters and gauges, and hands
 * the snapshot to every listener in registration order. Listeners run on the
 * sampling thread and must be quick; a listener that throws is dropped from
 * that sample only. A compact copy of each snapshot is kept in a bounded
 * {@link SampleSeries} for reports.
 *
 * <p>Life cycle: created idle; {@link #start()} begins periodic sampling;
 * {@link #sample()} takes one sample at once (also after {@link #close()});
 * {@link #close()} stops the thread.
 */
public final class MetricsSampler implements AutoCloseable {
    /** Workers whose spans are included in each snapshot, at most. */
    public static final int MAX_TIMELINE_WORKERS = 64;
    /** Spans older than this are left out of snapshots. */
    public static final long SPAN_WINDOW_NANOS = TimeUnit.SECONDS.toNanos(10);
    /** Sample points kept for reports. */
    public static final int SERIES_CAPACITY = 4096;
    /** Retired workers whose end the final snapshot repeats, at most (the latest ones). */
    public static final int MAX_ENDED_WORKERS = 256;

    private static final System.Logger LOG = System.getLogger(MetricsSampler.class.getName());

    private final PoolMetrics metrics;
    private final PoolGauges gauges;
    private final Duration interval;
    private final long startNanos;
    private final CopyOnWriteArrayList<Consumer<? super MetricsSnapshot>> listeners = new CopyOnWriteArrayList<>();
    private final SampleSeries series = new SampleSeries(SERIES_CAPACITY);
    private final Histogram intervalWait = newHistogram();
    private final Histogram intervalService = newHistogram();
    private final Histogram intervalLatency = newHistogram();
    private final Histogram totalWait = newHistogram();
    private final Histogram totalService = newHistogram();
    private final Histogram totalLatency = newHistogram();
    private final int cores = Runtime.getRuntime().availableProcessors();
    private ScheduledExecutorService timer;
    private long sequence;
    private long lastNanos;
    private long lastEnded;
    private long lastRan;
    private long lastCpu = -1;
    private long lastCpuNanos;
    private double lastCpuFraction = -1;
    private volatile MetricsSnapshot latest;
    /** Each retired worker's last snapshot, in the order they retired (bounded), for the final snapshot. */
    private final java.util.LinkedHashMap<Integer, WorkerSnapshot> ended = new java.util.LinkedHashMap<>();

    /**
     * Creates an idle sampler.
     *
     * @param metrics what to sample
     * @param gauges the pool's own figures
     * @param interval time between samples, at least 10 ms
     */
    public MetricsSampler(PoolMetrics metrics, PoolGauges gauges, Duration interval) {
        this.metrics = metrics;
        this.gauges = gauges;
        this.interval = interval.compareTo(Duration.ofMillis(10)) < 0 ? Duration.ofMillis(10) : interval;
        this.startNanos = System.nanoTime();
        this.lastNanos = startNanos;
        this.lastCpu = ProcessCpu.nanos();
        this.lastCpuNanos = startNanos;
    }

    private static Histogram newHistogram() {
        Histogram h = new Histogram(2);
        h.setAutoResize(true);
        return h;
    }

    /** Adds a listener that receives every later snapshot on the sampling thread. */
    public void addListener(Consumer<? super MetricsSnapshot> listener) {
        listeners.add(listener);
    }

    /** Removes a listener. */
    public void removeListener(Consumer<? super MetricsSnapshot> listener) {
        listeners.remove(listener);
    }

    /** Starts periodic sampling on a daemon thread. Idempotent. */
    public synchronized void start() {
        if (timer != null) {
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "poolscope-sampler");
            t.setDaemon(true);
            return t;
        });
        long ms = interval.toMillis();
        timer.scheduleAtFixedRate(this::sampleQuietly, ms, ms, TimeUnit.MILLISECONDS);
    }

    private void sampleQuietly() {
        try {
            sample();
        } catch (RuntimeException | Error e) {
            LOG.log(System.Logger.Level.WARNING, "sampling failed", e);
        }
    }

    /** The sampling interval. */
    public Duration interval() {
        return interval;
    }

    /** The instant sampling began ({@link System#nanoTime()}). */
    public long startNanos() {
        return startNanos;
    }

    /** The most recent snapshot, or null before the first. */
    public MetricsSnapshot latest() {
        return latest;
    }

    /** The compact series of all samples so far (bounded, see {@link SampleSeries}). */
    public List<SamplePoint> series() {
        return series.points();
    }

    /** Takes one sample now, delivers it to listeners and returns it. */
    public MetricsSnapshot sample() {
        return deliver(takeSample(false));
    }

    private MetricsSnapshot deliver(MetricsSnapshot s) {
        for (Consumer<? super MetricsSnapshot> l : listeners) {
            try {
                l.accept(s);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "snapshot listener failed", e);
            }
        }
        return s;
    }

    /**
     * Takes one sample:
     * <ol>
     * <li>for each worker, read its retired mark first, then harvest its
     *     histograms, so a worker seen retired has had every value it recorded
     *     harvested; drop it from the list only then (it is shown once as retired,
     *     with its last spans);</li>
     * <li>read the counts, and derive the interval's ended and ran tasks and
     *     throughput ({@link Counts#throughput(long, long)}) from the previous
     *     sample's;</li>
     * <li>in the final sample, add the end of every worker an earlier sample saw
 *     retire (the latest {@value #MAX_ENDED_WORKERS}), so it shows each worker's end;</li>
 * <li>add the compact point to the series: a point of its own if
     *     {@code last}, else as the series' stride decides.</li>
     * </ol>
     */
    private synchronized MetricsSnapshot takeSample(boolean last) {
        long now = System.nanoTime();
        long dt = Math.max(1, now - lastNanos);
        intervalWait.reset();
        intervalService.reset();
        intervalLatency.reset();
        List<WorkerSnapshot> workerSnaps = new ArrayList<>();
        List<TaskSpan> spans = new ArrayList<>();
        int active = 0;
        int timelineWorkers = 0;
        long origin = metrics.originNanos();
        for (PoolMetrics.Worker w : metrics.workerList()) {
            boolean retired = w.retired; // before the harvest: values recorded up to the mark are in it
            w.harvest(intervalWait, intervalService, intervalLatency);
            long busy = w.busyNanos(now);
            double fraction = Math.min(1.0, Math.max(0.0, (busy - w.lastBusyNanosSeen) / (double) dt));
            w.lastBusyNanosSeen = busy;
            WorkerState state = w.derivedState();
            active += w.runningNow();
            long pid = w.pid;
            long cpu = w.cpuNanos;
            long rss = w.rssBytes;
            if (pid > 0) {
                measure(w, pid);
                if (w.measuredPid == pid) {
                    cpu = Math.max(cpu, w.measuredCpu);
                    rss = w.measuredRss >= 0 ? w.measuredRss : rss;
                }
            }
            workerSnaps.add(new WorkerSnapshot(w.id, w.label, state, fraction, w.tasks(), w.restartCount,
                    pid, cpu, rss, w.startupMillis, w.slot, w.exitReason));
            if (timelineWorkers < MAX_TIMELINE_WORKERS) {
                timelineWorkers++;
                w.spans(origin, now - SPAN_WINDOW_NANOS, PoolMetrics.SPANS_PER_WORKER, spans);
            }
            if (retired) {
                metrics.removeWorker(w); // harvested after the mark: nothing more to come; shown once as retired
                ended.remove(w.id);
                ended.put(w.id, workerSnaps.get(workerSnaps.size() - 1));
                if (ended.size() > MAX_ENDED_WORKERS) {
                    ended.remove(ended.keySet().iterator().next());
                }
            }
        }
        if (last) {
            // the final snapshot shows every worker's end, also those an earlier sample saw retire
            java.util.Set<Integer> shown = new java.util.HashSet<>();
            workerSnaps.forEach(ws -> shown.add(ws.id()));
            List<WorkerSnapshot> before = new ArrayList<>();
            for (WorkerSnapshot e : ended.values()) {
                if (!shown.contains(e.id())) {
                    before.add(e);
                }
            }
            before.sort(java.util.Comparator.comparingInt(WorkerSnapshot::id));
            workerSnaps.addAll(0, before);
            workerSnaps.sort(java.util.Comparator.comparingInt(WorkerSnapshot::id));
        }
        totalWait.add(intervalWait);
        totalService.add(intervalService);
        totalLatency.add(intervalLatency);
        Counts counts = metrics.counts();
        long ended = counts.ended();
        long ran = counts.ran();
        long intervalEnded = ended - lastEnded;
        long intervalRan = ran - lastRan;
        double throughput = Counts.throughput(intervalRan, dt);
        // CPU time ticks coarsely (10 ms on Linux): measure it over at least 50 ms, else repeat the last figure
        long cpu = ProcessCpu.nanos();
        long cpuDt = now - lastCpuNanos;
        double cpuFraction;
        if (cpu < 0 || lastCpu < 0) {
            cpuFraction = -1;
        } else if (cpuDt >= 50_000_000L || lastCpuFraction < 0) {
            cpuFraction = Math.min(1.0, (cpu - lastCpu) / (double) Math.max(1, cpuDt) / cores);
            lastCpuFraction = cpuFraction;
            lastCpu = cpu;
            lastCpuNanos = now;
        } else {
            cpuFraction = lastCpuFraction;
        }
        List<CancelOrReject> cancelsAndRejects = new ArrayList<>();
        metrics.cancelsAndRejects(cancelsAndRejects);
        MetricsSnapshot s = new MetricsSnapshot(sequence++, now - startNanos, dt, gauges.poolSize(),
                gauges.liveWorkers(), active, counts.queued(), counts, intervalEnded, intervalRan, throughput,
                Percentiles.of(intervalLatency), Percentiles.of(intervalWait), Percentiles.of(intervalService),
                Percentiles.of(totalLatency), Percentiles.of(totalWait), Percentiles.of(totalService),
                buckets(totalLatency), cpuFraction, workerSnaps, spans, gauges.stall(), cancelsAndRejects);
        lastNanos = now;
        lastEnded = ended;
        lastRan = ran;
        latest = s;
        if (last) {
            series.addLast(SamplePoint.of(s));
        } else {
            series.add(SamplePoint.of(s));
        }
        return s;
    }

    /**
     * Reads a worker process's CPU time and memory from the operating system while it lives; once it has
     * exited the last reading stays (the reading of an earlier process of the slot is replaced).
     */
    private static void measure(PoolMetrics.Worker w, long pid) {
        ProcessFigures.read(pid).ifPresent(r -> {
            w.measuredCpu = r.cpuNanos();
            w.measuredRss = r.rssBytes();
            w.measuredPid = pid;
        });
    }

    /**
     * Takes the final sample of a run, delivers it and keeps it in the series
     * as a point of its own. Taken once every task has ended, its interval
     * holds the last tasks, so the series' {@code ran} figures add up to
     * {@link Counts#ran()}.
     */
    public MetricsSnapshot finalSample() {
        return deliver(takeSample(true));
    }

    /** Log-scale buckets from 1 µs, doubling, of a nanosecond histogram. */
    static HistogramBuckets buckets(Histogram h) {
        if (h.getTotalCount() == 0) {
            return HistogramBuckets.EMPTY;
        }
        List<Double> uppers = new ArrayList<>();
        List<Long> counts = new ArrayList<>();
        for (HistogramIterationValue v : h.logarithmicBucketValues(1_000, 2.0)) {
            uppers.add(v.getValueIteratedTo() / 1_000.0);
            counts.add(v.getCountAddedInThisIterationStep());
            if (uppers.size() >= 48) {
                break;
            }
        }
        return new HistogramBuckets(uppers, counts);
    }

    /** Stops periodic sampling. Listeners stay registered; {@link #sample()} still works. */
    @Override
    public void close() {
        ScheduledExecutorService t;
        synchronized (this) {
            t = timer;
            timer = null;
        }
        if (t != null) {
            t.shutdown();
            try {
                t.awaitTermination(5, TimeUnit.SECONDS); // let a sample in progress finish
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
