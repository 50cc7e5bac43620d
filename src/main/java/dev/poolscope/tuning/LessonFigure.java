package dev.poolscope.tuning;

import dev.poolscope.engine.RunReport;
import dev.poolscope.metrics.Counts;
import dev.poolscope.metrics.SamplePoint;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/**
 * A figure of one run that a lesson's claims and answer can name: the name
 * teachers write, its unit, and how it is read from a {@link RunReport}.
 * Times are in milliseconds, shares are fractions (0..1), counts are tasks.
 */
public enum LessonFigure {
    /** Tasks that ran to an end per second of wall time. */
    THROUGHPUT("throughput", Unit.RATE, RunReport::throughputPerSecond),
    /** Median latency (end - submit). */
    P50("p50", Unit.MILLIS, r -> r.latency().p50() / 1e6),
    /** 90th-percentile latency. */
    P90("p90", Unit.MILLIS, r -> r.latency().p90() / 1e6),
    /** 99th-percentile latency. */
    P99("p99", Unit.MILLIS, r -> r.latency().p99() / 1e6),
    /** Longest latency. */
    MAX("max", Unit.MILLIS, r -> r.latency().max() / 1e6),
    /** Mean latency. */
    MEAN_LATENCY("meanLatency", Unit.MILLIS, r -> r.latency().mean() / 1e6),
    /** Median wait (start - submit). */
    WAIT_P50("waitP50", Unit.MILLIS, r -> r.waitTime().p50() / 1e6),
    /** 99th-percentile wait. */
    WAIT_P99("waitP99", Unit.MILLIS, r -> r.waitTime().p99() / 1e6),
    /** Mean wait. */
    MEAN_WAIT("meanWait", Unit.MILLIS, r -> r.waitTime().mean() / 1e6),
    /** Median service time (end - start). */
    SERVICE_P50("serviceP50", Unit.MILLIS, r -> r.service().p50() / 1e6),
    /** 99th-percentile service time. */
    SERVICE_P99("serviceP99", Unit.MILLIS, r -> r.service().p99() / 1e6),
    /** Mean service time. */
    MEAN_SERVICE("meanService", Unit.MILLIS, r -> r.service().mean() / 1e6),
    /** Tasks handed to the pool. */
    SUBMITTED("submitted", Unit.COUNT, r -> r.counts().submitted()),
    /** Tasks that returned normally. */
    SUCCEEDED("succeeded", Unit.COUNT, r -> r.counts().succeeded()),
    /** Tasks that threw (or whose worker process died). */
    FAILED("failed", Unit.COUNT, r -> r.counts().failed()),
    /** Tasks the pool refused or discarded. */
    REJECTED("rejected", Unit.COUNT, r -> r.counts().rejected()),
    /** Tasks cancelled. */
    CANCELLED("cancelled", Unit.COUNT, r -> r.counts().cancelled()),
    /** Tasks that ran past their timeout. */
    TIMED_OUT("timedOut", Unit.COUNT, r -> r.counts().timedOut()),
    /** Rejected tasks as a share of those submitted. */
    REJECTED_SHARE("rejectedShare", Unit.SHARE, r -> share(r.counts().rejected(), r.counts())),
    /** Succeeded tasks as a share of those submitted. */
    SUCCEEDED_SHARE("succeededShare", Unit.SHARE, r -> share(r.counts().succeeded(), r.counts())),
    /** Failed tasks as a share of those submitted. */
    FAILED_SHARE("failedShare", Unit.SHARE, r -> share(r.counts().failed(), r.counts())),
    /** Episodes in which every worker waited for a task queued in its own pool (starvation deadlocks). */
    STALLS("stalls", Unit.COUNT, r -> r.stalls().stream()
            .filter(e -> e.kind().equals(dev.poolscope.metrics.StallStatus.STARVATION_DEADLOCK)).count()),
    /** Worker processes replaced. */
    RESTARTS("restarts", Unit.COUNT, r -> r.workerRestarts()),
    /** Wall time from the first submission to the pool's end. */
    WALL_SECONDS("wallSeconds", Unit.SECONDS, RunReport::wallSeconds),
    /** CPU time this JVM used as a share of all cores. */
    CPU("cpu", Unit.SHARE, RunReport::cpuUtilisation),
    /** The run's worker count (relative counts resolved). */
    WORKERS("workers", Unit.COUNT, r -> r.spec().workers()),
    /** Workers running a task, averaged over the run's samples. */
    MEAN_ACTIVE("meanActive", Unit.DECIMAL, r -> meanOfSamples(r.samples(), false)),
    /** Tasks in the pool (running or queued), averaged over the run's samples. */
    MEAN_IN_SYSTEM("meanInSystem", Unit.DECIMAL, r -> meanOfSamples(r.samples(), true)),
    /** Little's law: throughput times mean latency, the tasks in the pool it predicts. */
    LITTLES_LAW("littlesLaw", Unit.DECIMAL, r -> r.throughputPerSecond() * r.latency().mean() / 1e9);

    /** How a figure is shown in text. */
    public enum Unit {
        /** Tasks per second: {@code 1,195 tasks/s}. */
        RATE,
        /** Milliseconds: {@code 75.2 ms}. */
        MILLIS,
        /** A count: {@code 1,234}. */
        COUNT,
        /** A fraction shown as a percentage: {@code 48%}. */
        SHARE,
        /** Seconds: {@code 1.30 s}. */
        SECONDS,
        /** A plain decimal: {@code 5.1}. */
        DECIMAL
    }

    private final String key;
    private final Unit unit;
    private final ToDoubleFunction<RunReport> read;

    LessonFigure(String key, Unit unit, ToDoubleFunction<RunReport> read) {
        this.key = key;
        this.unit = unit;
        this.read = read;
    }

    /** The name lessons use, e.g. {@code throughput}. */
    public String key() {
        return key;
    }

    /** The unit. */
    public Unit unit() {
        return unit;
    }

    /** The figure of a report. */
    public double of(RunReport r) {
        return read.applyAsDouble(r);
    }

    /** The figure named {@code key}, if any. */
    public static Optional<LessonFigure> find(String key) {
        return Arrays.stream(values()).filter(f -> f.key.equals(key)).findFirst();
    }

    /** Every figure's name, in declaration order. */
    public static List<String> keys() {
        return Arrays.stream(values()).map(LessonFigure::key).toList();
    }

    /** The value as text in this figure's unit, e.g. {@code 1,195 tasks/s}. */
    public String format(double v) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        return switch (unit) {
            case RATE -> String.format(Locale.ROOT, v >= 100 ? "%,.0f tasks/s" : "%,.1f tasks/s", v);
            case MILLIS -> String.format(Locale.ROOT, v >= 100 ? "%,.0f ms" : v >= 1 ? "%.1f ms" : "%.2f ms", v);
            case COUNT -> String.format(Locale.ROOT, "%,d", Math.round(v));
            case SHARE -> String.format(Locale.ROOT, v < 0.1 && v > 0 ? "%.1f%%" : "%.0f%%", v * 100);
            case SECONDS -> String.format(Locale.ROOT, "%.2f s", v);
            case DECIMAL -> String.format(Locale.ROOT, "%.1f", v);
        };
    }

    private static double share(long n, Counts c) {
        return c.submitted() == 0 ? 0 : n / (double) c.submitted();
    }

    private static double meanOfSamples(List<SamplePoint> samples, boolean withQueue) {
        if (samples.isEmpty()) {
            return 0;
        }
        double sum = 0;
        for (SamplePoint p : samples) {
            sum += p.activeWorkers() + (withQueue ? p.queueDepth() : 0);
        }
        return sum / samples.size();
    }
}
