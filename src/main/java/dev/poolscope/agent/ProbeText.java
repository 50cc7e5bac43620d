package dev.poolscope.agent;

import dev.poolscope.agent.boot.Buckets;
import dev.poolscope.agent.boot.PoolEntry;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;

/**
 * Writes one pool's figures as one line of tab-separated fields, in this order: name, kind, pool size, active
 * workers, queue depth, tasks completed (all time), rejections (since the probe was installed), largest pool
 * size, core size, maximum size, workers recorded, hooks the pool's class overrides ({@code -} if none), then the
 * service, CPU, queue-wait and blocked (wall minus CPU) histograms. A count the pool does not have is {@code -1}. A histogram is
 * {@code -} when empty, else {@code index:count} pairs separated by commas, index 0 being the total and index
 * {@code i > 0} the bucket {@code i - 1} of {@link Buckets}.
 */
final class ProbeText {
    private ProbeText() {
    }

    static void append(StringBuilder sb, PoolEntry e, Object pool) {
        long[][] h = new long[4][Buckets.COUNT + 1];
        e.histograms(h);
        sb.append((e.alias != null ? e.alias : e.name).replace('\t', ' '));
        if (pool instanceof ThreadPoolExecutor t) {
            sb.append('\t').append(t instanceof ScheduledThreadPoolExecutor ? "ScheduledThreadPoolExecutor" : "ThreadPoolExecutor");
            field(sb, t.getPoolSize());
            field(sb, t.getActiveCount());
            field(sb, t.getQueue().size());
            field(sb, t.getCompletedTaskCount());
            field(sb, e.rejected());
            field(sb, t.getLargestPoolSize());
            field(sb, t.getCorePoolSize());
            field(sb, t.getMaximumPoolSize());
        } else if (pool instanceof ForkJoinPool f) {
            sb.append('\t').append("ForkJoinPool");
            field(sb, f.getPoolSize());
            field(sb, f.getActiveThreadCount());
            field(sb, f.getQueuedTaskCount() + f.getQueuedSubmissionCount());
            field(sb, -1);
            field(sb, -1);
            field(sb, -1);
            field(sb, f.getParallelism());
            field(sb, -1);
        } else {
            sb.append('\t').append("other");
            for (int i = 0; i < 8; i++) {
                field(sb, -1);
            }
        }
        field(sb, e.recordedWorkers());
        sb.append('\t').append(overrides(pool.getClass()));
        for (long[] one : h) {
            histogram(sb, one);
        }
        sb.append('\n');
    }

    /** The task hooks that a pool class below ThreadPoolExecutor declares, comma-separated, or {@code -}. */
    static String overrides(Class<?> type) {
        StringBuilder found = new StringBuilder();
        for (Class<?> c = type; c != null && c != ThreadPoolExecutor.class && c != Object.class; c = c.getSuperclass()) {
            for (var m : c.getDeclaredMethods()) {
                String n = m.getName();
                if ((n.equals("beforeExecute") || n.equals("afterExecute")) && found.indexOf(n) < 0) {
                    found.append(found.isEmpty() ? "" : ",").append(n).append('@').append(c.getName());
                }
            }
        }
        return found.isEmpty() ? "-" : found.toString();
    }

    private static void field(StringBuilder sb, long v) {
        sb.append('\t').append(v);
    }

    private static void histogram(StringBuilder sb, long[] h) {
        sb.append('\t');
        if (h[0] == 0) {
            sb.append('-');
            return;
        }
        boolean first = true;
        for (int i = 0; i < h.length; i++) {
            if (h[i] != 0) {
                sb.append(first ? "" : ",").append(i).append(':').append(h[i]);
                first = false;
            }
        }
    }
}
