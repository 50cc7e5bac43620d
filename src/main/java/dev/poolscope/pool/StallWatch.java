package dev.poolscope.pool;

import dev.poolscope.metrics.StallEpisode;
import dev.poolscope.metrics.StallStatus;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Watches one pool for starvation: workers of the pool that wait (in
 * {@code Future.get} or {@code getResult}) for tasks of the same pool that
 * cannot start because every worker is waiting.
 *
 * <h2>What it records and when</h2>
 * <ol>
 * <li>A thread that is about to park on one of the pool's unfinished tasks
 *     registers a {@link Wait} (thread, awaited task, instant) and removes it
 *     when it wakes: one map entry per blocking wait, nothing per task.</li>
 * <li>While the pool has waits, one shared daemon thread ticks every
 *     {@value #TICK_MILLIS} ms. A tick counts the <em>blocked</em> workers: a
 *     worker whose wait began before the tick and whose awaited task has not
 *     started, or runs on a worker that is itself blocked (a wait-for chain).
 *     Because flags only move forward and every counted wait was already in
 *     place when the tick began, the count is true of one instant.</li>
 * <li>All workers blocked is a {@link StallStatus#STARVATION_DEADLOCK};
 *     more than half, a {@link StallStatus#THROUGHPUT_COLLAPSE}. An episode
 *     opens on the first tick that sees one and ends after two ticks that
 *     see neither, at the first of them.</li>
 * <li>With {@link StallPolicy.Action#FAIL}, a blocked wait that has lasted the
 *     grace while the pool was deadlocked is ended: its thread gets a
 *     {@link StarvationDeadlockException} naming the deadlock and the task it
 *     awaited is cancelled, so a worker comes free. Waits that begin later are
 *     judged afresh; the episode goes on while the deadlock does.</li>
 * </ol>
 * Figures are approximate only in timing: a deadlock is seen within one tick
 * of the last worker blocking.
 */
final class StallWatch {
    static final long TICK_MILLIS = 100;
    private static final Set<StallWatch> WATCHED = ConcurrentHashMap.newKeySet();
    private static final AtomicBoolean TICKING = new AtomicBoolean();

    private final AbstractWorkerPool pool;
    private final ConcurrentHashMap<Thread, Wait> waits = new ConcurrentHashMap<>();
    private final AtomicBoolean watched = new AtomicBoolean();
    /** Guarded by this. */
    private final List<Episode> episodes = new ArrayList<>();
    private Episode open;
    private long deadlockSince;
    private int clearTicks;
    private long failedTotal;
    private volatile StallStatus status;

    StallWatch(AbstractWorkerPool pool) {
        this.pool = pool;
    }

    /** One thread waiting for one task of the pool. */
    static final class Wait {
        final Thread thread;
        final ObservedTask<?> awaited;
        final long sinceNanos;
        /** Set when the pool ends the wait to break a deadlock: the message the waiter throws. */
        volatile String verdict;

        Wait(Thread thread, ObservedTask<?> awaited, long sinceNanos) {
            this.thread = thread;
            this.awaited = awaited;
            this.sinceNanos = sinceNanos;
        }
    }

    private static final class Episode {
        final String kind;
        final long detectedNanos;
        long endedNanos = -1;
        long clearSinceNanos;
        long lastSeenNanos;
        long failed;
        final Set<String> workers = new LinkedHashSet<>();
        final Set<Long> waitingOn = new LinkedHashSet<>();

        Episode(String kind, long detectedNanos) {
            this.kind = kind;
            this.detectedNanos = detectedNanos;
        }
    }

    /** Registers the calling thread's wait for {@code awaited}; pair with {@link #exit}. */
    Wait enter(ObservedTask<?> awaited) {
        Wait w = new Wait(Thread.currentThread(), awaited, System.nanoTime());
        waits.put(w.thread, w);
        if (!watched.get() && watched.compareAndSet(false, true)) {
            WATCHED.add(this);
            startTicking();
        }
        return w;
    }

    void exit(Wait w) {
        waits.remove(w.thread, w);
    }

    /** The stall now, or null. */
    StallStatus status() {
        return status;
    }

    /** Every episode so far (an open one with end -1), times in milliseconds since {@code originNanos}. */
    synchronized List<StallEpisode> episodes(long originNanos) {
        List<StallEpisode> out = new ArrayList<>(episodes.size());
        for (Episode e : episodes) {
            long end = e.endedNanos;
            if (end < 0 && waits.isEmpty()) {
                end = clearTicks > 0 ? e.clearSinceNanos : e.lastSeenNanos; // nobody waits any more: it is over
            }
            out.add(new StallEpisode(e.kind, Math.max(0, (e.detectedNanos - originNanos) / 1_000_000),
                    end < 0 ? -1 : Math.max(0, (end - originNanos) / 1_000_000),
                    List.copyOf(e.workers), List.copyOf(e.waitingOn), e.failed));
        }
        return out;
    }

    private static void startTicking() {
        if (TICKING.compareAndSet(false, true)) {
            ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "poolscope-stall-watch");
                t.setDaemon(true);
                return t;
            });
            ticker.scheduleWithFixedDelay(StallWatch::tickAll, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    private static void tickAll() {
        for (StallWatch w : WATCHED) {
            try {
                w.tick(System.nanoTime());
            } catch (RuntimeException e) {
                System.getLogger(StallWatch.class.getName()).log(System.Logger.Level.WARNING, "stall watch failed", e);
            }
        }
    }

    /** One look at the pool (package-private for tests, which may call it with their own instant). */
    synchronized void tick(long now) {
        Map<Thread, Wait> blocked = blockedWorkers(now);
        int workers = pool.workers();
        int n = blocked.size();
        String kind = n == 0 ? null : n >= workers ? StallStatus.STARVATION_DEADLOCK
                : n >= 2 && n * 2 > workers ? StallStatus.THROUGHPUT_COLLAPSE : null;
        if (kind == null) {
            status = null;
            if (open != null && ++clearTicks == 1) {
                open.clearSinceNanos = now;
            }
            if (open != null && clearTicks >= 2) {
                open.endedNanos = open.clearSinceNanos;
                open = null;
            }
            if (open == null && waits.isEmpty()) {
                unwatch();
            }
            return;
        }
        clearTicks = 0;
        if (open == null || !open.kind.equals(kind)) {
            if (open != null) {
                open.endedNanos = now;
            }
            open = new Episode(kind, now);
            episodes.add(open);
            deadlockSince = now;
        }
        open.lastSeenNanos = now;
        List<String> chain = new ArrayList<>(n);
        List<String> labels = new ArrayList<>(n);
        List<Long> ids = new ArrayList<>(n);
        for (Wait w : blocked.values()) {
            String label = pool.workerLabel(w.thread);
            Thread runner = w.awaited.ranOn();
            String where = w.awaited.started() && runner != null ? "running on " + labelOr(runner) : "queued";
            chain.add(label + " waits for task " + w.awaited.id() + " (" + where + ")");
            labels.add(label);
            ids.add(w.awaited.id());
            open.workers.add(label);
            open.waitingOn.add(w.awaited.id());
        }
        if (kind.equals(StallStatus.STARVATION_DEADLOCK) && pool.config().stallPolicy().action() == StallPolicy.Action.FAIL) {
            long grace = pool.config().stallPolicy().grace().toNanos();
            String message = null;
            for (Wait w : blocked.values()) {
                if (now - Math.max(w.sinceNanos, deadlockSince) < grace) {
                    continue;
                }
                if (message == null) {
                    message = "starvation deadlock in pool '" + pool.kind() + "': every worker (" + String.join(", ", labels)
                            + ") waited for a task of its own pool that could not start (tasks "
                            + ids.stream().map(String::valueOf).reduce((a, b) -> a + ", " + b).orElse("") + "); after "
                            + pool.config().stallPolicy().grace().toMillis() + " ms the waiting tasks were failed"
                            + " and the tasks they waited for cancelled";
                }
                w.verdict = message;
                // a worker freed by an earlier cancellation may already have run this one: then its waiter goes on
                if (w.awaited.cancel(false)) {
                    open.failed++;
                    failedTotal++;
                }
            }
        }
        status = new StallStatus(kind, labels, ids, chain, (now - open.detectedNanos) / 1_000_000, workers,
                episodes.size(), failedTotal);
    }

    private String labelOr(Thread t) {
        String l = pool.workerLabel(t);
        return l != null ? l : t.getName();
    }

    /** The waits of workers that cannot go on: on an unstarted task, or on one run by a blocked worker. */
    private Map<Thread, Wait> blockedWorkers(long now) {
        List<Wait> candidates = new ArrayList<>();
        for (Wait w : waits.values()) {
            if (w.sinceNanos < now && !w.awaited.isDone() && pool.workerLabel(w.thread) != null) {
                candidates.add(w);
            }
        }
        Map<Thread, Wait> blocked = new LinkedHashMap<>();
        boolean grew = true;
        while (grew) {
            grew = false;
            for (Wait w : candidates) {
                if (blocked.containsKey(w.thread) || w.awaited.isDone()) {
                    continue;
                }
                Thread runner = w.awaited.ranOn();
                if (!w.awaited.started() || (runner != null && blocked.containsKey(runner))) {
                    blocked.put(w.thread, w);
                    grew = true;
                }
            }
        }
        return blocked;
    }

    private void unwatch() {
        WATCHED.remove(this);
        watched.set(false);
        if (!waits.isEmpty() && watched.compareAndSet(false, true)) {
            WATCHED.add(this);
        }
    }
}
