package dev.poolscope.process;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Kills every live worker process when this JVM exits (Ctrl-C included), so no
 * worker outlives its pool: one shutdown hook for all process pools. Each
 * worker's descendants, recorded while it lived, are killed with it.
 */
final class WorkerReaper {
    private static final Set<Process> PROCESSES = ConcurrentHashMap.newKeySet();
    private static final Set<ProcessWorkerPool> POOLS = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(WorkerReaper::killAll, "process-pool-reaper"));
    }

    private WorkerReaper() {
    }

    static void register(ProcessWorkerPool pool) {
        POOLS.add(pool);
    }

    static void unregister(ProcessWorkerPool pool) {
        POOLS.remove(pool);
    }

    static void add(Process p) {
        PROCESSES.add(p);
    }

    static void remove(Process p) {
        PROCESSES.remove(p);
    }

    private static void killAll() {
        for (ProcessWorkerPool pool : POOLS) {
            pool.markStoppedForExit();
        }
        for (Process p : PROCESSES) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
        for (ProcessWorkerPool pool : POOLS) {
            pool.shutdownNow(); // every task ends (cancelled), so a report printed now adds up
        }
        for (Process p : PROCESSES) {
            try {
                p.waitFor(2, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }
}
