package dev.poolscope.attach;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Advice on a watched pool's size, grounded in its figures: whether its queue grows only while every thread is
 * busy, whether most threads idle, and Little's law (busy threads on average = completions per second times the
 * mean service time). Each sentence names the figures it rests on; a figure the mode cannot see yields no advice
 * rather than a guess.
 */
public final class PoolSizeAdvice {
    private PoolSizeAdvice() {
    }

    /** Sentences of advice for one pool, most telling first; empty when its figures say nothing yet. */
    public static List<String> advise(PoolFigures p) {
        List<String> out = new ArrayList<>();
        List<WatchPoint> pts = p.samples();
        if (pts.isEmpty() || p.threads() == null || p.threads() == 0) {
            return out;
        }
        int withActive = 0;
        double busySum = 0;
        int saturated = 0;
        int queued = 0;
        int queuedWhileSaturated = 0;
        for (WatchPoint w : pts) {
            if (w.activeWorkers() == null || w.poolSize() == null || w.poolSize() == 0) {
                continue;
            }
            withActive++;
            busySum += w.activeWorkers();
            boolean allBusy = w.activeWorkers() >= w.poolSize();
            saturated += allBusy ? 1 : 0;
            if (w.queueDepth() != null && w.queueDepth() > 0) {
                queued++;
                queuedWhileSaturated += allBusy ? 1 : 0;
            }
        }
        if (withActive == 0) {
            return out;
        }
        int n = p.threads();
        double meanBusy = busySum / withActive;
        if (queued > 0) {
            if (queuedWhileSaturated * 10 >= queued * 8) {
                out.add(String.format(Locale.ROOT, "Tasks queued in %d of %d samples, and every thread was busy in %d of "
                        + "those: the queue grows only while all %d threads work. More threads help if the tasks are not "
                        + "all waiting on the same resource.", queued, withActive, queuedWhileSaturated, n));
            } else {
                out.add(String.format(Locale.ROOT, "Tasks queued in %d of %d samples while some threads were idle: "
                        + "bursts arrive faster than workers pick them up, not a lack of threads.", queued, withActive));
            }
        }
        if (meanBusy < n * 0.5 && saturated == 0) {
            int enough = Math.max(1, (int) Math.ceil(meanBusy * 1.5));
            out.add(String.format(Locale.ROOT, "Most threads idle: %.1f of %d busy on average, never all at once. "
                    + "About %d would cover this load with room for bursts.", meanBusy, n, enough));
        }
        if (p.throughputPerSecond() != null && p.service() != null && p.service().count() > 0) {
            double lambda = p.throughputPerSecond();
            double meanServiceSeconds = p.service().mean() / 1e9;
            double busy = lambda * meanServiceSeconds;
            out.add(String.format(Locale.ROOT, "Little's law: %.1f tasks/s x %.2f ms mean service = %.2f threads busy "
                    + "on average; %d threads run at %.0f%% utilisation.", lambda, meanServiceSeconds * 1e3, busy, n,
                    100 * busy / n));
            if (p.cpu() != null && p.cpu().count() > 0 && p.service().mean() > 0) {
                double cpuShare = Math.min(1, p.cpu().mean() / p.service().mean());
                out.add(String.format(Locale.ROOT, "Tasks spend %.0f%% of their service time on CPU (sampled): %s",
                        100 * cpuShare, cpuShare > 0.8
                                ? "CPU-bound, so threads beyond the core count (" + Runtime.getRuntime().availableProcessors()
                                + " here) add little."
                                : "mostly waiting, so more threads than cores can raise throughput."));
            }
        }
        return out;
    }
}
