package dev.poolscope.jfr;

import java.lang.ref.WeakReference;
import java.util.Iterator;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import jdk.jfr.FlightRecorder;

/**
 * The live pools that {@link PoolSampleEvent}s and {@link PoolEvent}s are written for. A pool is
 * held weakly: it leaves the list when its sampler says it has ended or when
 * it is garbage collected. The sampling hook is registered with JFR once the
 * recorder is up, and JFR calls it once per period while a recording has the
 * event enabled, never otherwise.
 */
public final class PoolSamples {
    /** One reading of a pool. */
    public record Sample(long queueDepth, int busyWorkers, int poolSize) {
    }

    private record Watched<P>(WeakReference<P> pool, long number, String name, String kind,
                              Function<? super P, Sample> sampler) {
        /** Writes the event that names this pool; false once the pool has gone. */
        boolean describe() {
            if (pool.get() == null) {
                return false;
            }
            PoolEvent e = new PoolEvent();
            e.pool = number;
            e.name = name;
            e.kind = kind;
            e.commit();
            return true;
        }

        /** Writes this pool's event; false once the pool has gone. */
        boolean emit() {
            P p = pool.get();
            if (p == null) {
                return false;
            }
            Sample s;
            try {
                s = sampler.apply(p);
            } catch (RuntimeException notReadable) {
                return true; // a pool still being constructed: sample it next period
            }
            if (s == null) {
                return false;
            }
            PoolSampleEvent e = new PoolSampleEvent();
            e.pool = name;
            e.kind = kind;
            e.queueDepth = s.queueDepth();
            e.busyWorkers = s.busyWorkers();
            e.poolSize = s.poolSize();
            e.commit();
            return true;
        }
    }

    private static final CopyOnWriteArrayList<Watched<?>> POOLS = new CopyOnWriteArrayList<>();

    private static final AtomicBoolean HOOKED = new AtomicBoolean();

    private PoolSamples() {
    }

    /**
     * Adds a pool to sample.
     *
     * @param pool the pool, held weakly
     * @param number its number in task events ({@link PoolEvent})
     * @param name its name in events
     * @param kind its kind
     * @param sampler reads the pool, or returns null once it has ended; it
     *        must not hold the pool itself (a static method reference will do)
     */
    public static <P> void watch(P pool, long number, String name, String kind, Function<? super P, Sample> sampler) {
        boolean recorderUp = RecorderState.initialized(); // listens for the recorder from now on
        POOLS.removeIf(w -> w.pool().get() == null);
        Watched<P> w = new Watched<>(new WeakReference<>(pool), number, name, kind, sampler);
        POOLS.add(w);
        if (recorderUp) {
            w.describe(); // a recording that runs now learns the pool's name (the next chunks get it from the hook)
        }
    }

    /** Registers the sampling hook with JFR, once; called when the recorder is up (see {@link RecorderState}). */
    static void registerHook() {
        if (HOOKED.compareAndSet(false, true)) {
            FlightRecorder.addPeriodicEvent(PoolSampleEvent.class, PoolSamples::emitAll);
            FlightRecorder.addPeriodicEvent(PoolEvent.class, PoolSamples::describeAll);
        }
    }

    /** Pools being sampled now (for tests). */
    static int watched() {
        return POOLS.size();
    }

    private static void describeAll() {
        for (Watched<?> w : POOLS) {
            if (!w.describe()) {
                POOLS.remove(w);
            }
        }
    }

    private static void emitAll() {
        for (Iterator<Watched<?>> it = POOLS.iterator(); it.hasNext(); ) {
            Watched<?> w = it.next();
            if (!w.emit()) {
                POOLS.remove(w);
            }
        }
    }
}
