package dev.poolscope.attach;

import dev.poolscope.metrics.Percentiles;

import javax.management.ObjectName;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Samples one probe into per-pool series. The first reading is the baseline: counts and histograms are reported
 * as their growth since then; a count the first reading did not see (basic mode's traced completions arrive about
 * a second late) has as its baseline the first reading that saw it. Not thread-safe: one thread calls {@link #sample()} and {@link #report(String)}.
 */
public final class Watch {
    private final TargetConnection target;
    private final Probe probe;
    private final LongSupplier nanos;
    private final long startNanos;
    private final Map<String, Track> tracks = new LinkedHashMap<>();

    /** One pool's baseline, latest reading and series. */
    private static final class Track {
        final PoolSample first;
        /** The first completed count seen, and when; null until a reading has one. */
        Long baseCompleted;
        long baseCompletedNanos;
        PoolSample last;
        long lastNanos;
        /** When the current suspected stall was first seen, or -1. */
        long stallSince = -1;
        final List<WatchPoint> points = new ArrayList<>();

        Track(PoolSample first, long now) {
            this.first = first;
            this.last = first;
            this.lastNanos = now;
            see(first, now);
            checkStall(now);
        }

        void see(PoolSample s, long now) {
            if (baseCompleted == null && s.completed() != null) {
                baseCompleted = s.completed();
                baseCompletedNanos = now;
            }
        }

        void checkStall(long now) {
            if (!FutureWaits.suspected(last.workers(), last.queueDepth())) {
                stallSince = -1;
            } else if (stallSince < 0) {
                stallSince = now;
            }
        }
    }

    /** A watch over an attached target's probe, timed by {@code System.nanoTime}. */
    public Watch(TargetConnection target, Probe probe) {
        this(target, probe, System::nanoTime);
    }

    Watch(TargetConnection target, Probe probe, LongSupplier nanos) {
        this.target = target;
        this.probe = probe;
        this.nanos = nanos;
        this.startNanos = nanos.getAsLong();
    }

    /** The probe's mode. */
    public String mode() {
        return probe.mode();
    }

    /** Reads every pool once and adds a point to each pool's series; returns the figures so far. */
    public List<PoolFigures> sample() throws AttachException {
        List<PoolSample> read = probe.read();
        long now = nanos.getAsLong();
        Double cpu = cpuFraction();
        for (PoolSample s : read) {
            Track t = tracks.get(s.name());
            if (t == null) {
                tracks.put(s.name(), new Track(s, now));
                continue;
            }
            double seconds = (now - t.lastNanos) / 1e9;
            Double rate = s.completed() != null && t.last.completed() != null && seconds > 0
                    ? (s.completed() - t.last.completed()) / seconds : null;
            Percentiles interval = s.service() != null && t.last.service() != null
                    ? s.service().minus(t.last.service()).percentiles() : null;
            t.points.add(new WatchPoint((now - startNanos) / 1_000_000, s.threads(), s.queueDepth(), s.active(),
                    s.completed() == null || t.baseCompleted == null ? null : s.completed() - t.baseCompleted,
                    rate, micros(interval, interval == null ? 0 : interval.p50()),
                    micros(interval, interval == null ? 0 : interval.p90()),
                    micros(interval, interval == null ? 0 : interval.p99()), cpu));
            PoolSample keep = s.workers().isEmpty() && !t.last.workers().isEmpty() ? withWorkers(s, t.last.workers()) : s;
            t.last = keep;
            t.lastNanos = now;
            t.see(s, now);
            t.checkStall(now);
        }
        return figures();
    }

    private static PoolSample withWorkers(PoolSample s, List<WorkerThread> w) {
        return new PoolSample(s.name(), s.kind(), s.threads(), s.active(), s.queueDepth(), s.completed(), s.rejected(),
                s.service(), s.cpu(), s.queueWait(), w, s.coreSize(), s.maxSize(), s.note(), s.blocked());
    }

    private static Double micros(Percentiles p, long nanos) {
        return p == null || p.count() == 0 ? null : nanos / 1_000.0;
    }

    private Double cpuFraction() {
        try {
            Object v = target.mbeans().getAttribute(new ObjectName("java.lang:type=OperatingSystem"), "ProcessCpuLoad");
            double d = ((Number) v).doubleValue();
            return d < 0 ? null : d;
        } catch (Exception e) {
            return null;
        }
    }

    /** Every pool's figures so far. */
    public List<PoolFigures> figures() {
        List<PoolFigures> out = new ArrayList<>();
        for (Track t : tracks.values()) {
            PoolSample f = t.first;
            PoolSample l = t.last;
            Long completed = l.completed() == null || t.baseCompleted == null ? null : l.completed() - t.baseCompleted;
            Long rejected = l.rejected() == null || f.rejected() == null ? null : l.rejected() - f.rejected();
            double span = (t.lastNanos - t.baseCompletedNanos) / 1e9;
            Double rate = completed == null || span <= 0 ? null : completed / span;
            out.add(new PoolFigures(l.name(), l.kind(), l.threads(), l.active(), l.queueDepth(), completed, rejected,
                    rate, since(l.queueWait(), f.queueWait()), since(l.service(), f.service()), since(l.cpu(), f.cpu()),
                    l.coreSize(), l.maxSize(), l.workers(), l.note(), t.points, stall(t),
                    since(l.blocked(), f.blocked())));
        }
        return out;
    }

    private PoolStall stall(Track t) {
        if (t.stallSince < 0) {
            return null;
        }
        List<String> names = new ArrayList<>();
        List<String> calls = new ArrayList<>();
        for (WorkerThread w : t.last.workers()) {
            names.add(w.name());
            calls.add(w.waitsOn());
        }
        return new PoolStall(FutureWaits.SUSPECTED, names, calls, Math.max(0, (t.stallSince - startNanos) / 1_000_000));
    }

    /** The raw histograms of one pool over the watch (service, CPU, blocked; each null when unseen), or null. */
    public ProbeHistogram[] histograms(String pool) {
        Track t = tracks.get(pool);
        if (t == null) {
            return null;
        }
        return new ProbeHistogram[]{diff(t.last.service(), t.first.service()), diff(t.last.cpu(), t.first.cpu()),
                diff(t.last.blocked(), t.first.blocked())};
    }

    private static ProbeHistogram diff(ProbeHistogram now, ProbeHistogram first) {
        return now == null ? null : first == null ? now : now.minus(first);
    }

    private static Percentiles since(ProbeHistogram now, ProbeHistogram first) {
        if (now == null) {
            return null;
        }
        return first == null ? now.percentiles() : now.minus(first).percentiles();
    }

    /** The report so far, ended as {@code ending} says. */
    public WatchReport report(String ending) {
        return new WatchReport(target.pid(), probe.mode(), target.javaVersion(),
                (nanos.getAsLong() - startNanos) / 1_000_000, figures(), probe.limits(), ending);
    }
}
