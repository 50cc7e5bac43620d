package dev.poolscope.process;

import dev.poolscope.pool.PoolConfig;

/**
 * A parent JVM for {@link WorkerLifetimeTest}: starts a process pool, prints
 * its worker PIDs on one line, and waits to be killed.
 */
public final class OrphanParent {
    private OrphanParent() {
    }

    public static void main(String[] args) throws Exception {
        ProcessWorkerPool pool = new ProcessWorkerPool(PoolConfig.of(2), ProcessPoolSettings.defaults());
        StringBuilder sb = new StringBuilder("PIDS");
        for (long pid : pool.workerPids()) {
            sb.append(' ').append(pid);
        }
        System.err.println(sb);
        System.err.flush();
        Thread.sleep(120_000);
    }
}
