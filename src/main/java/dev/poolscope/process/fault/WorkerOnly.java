package dev.poolscope.process.fault;

import dev.poolscope.process.WorkerMain;

/** The guard every process-killing fault runs first, so it can never take down the app itself. */
final class WorkerOnly {
    private WorkerOnly() {
    }

    /** Throws unless this JVM is a worker process started by a process pool. */
    static void check(String workload) {
        if (!"true".equals(System.getProperty(WorkerMain.WORKER_PROPERTY))) {
            throw new IllegalStateException("the '" + workload
                    + "' workload only runs in a worker process (use --pool process)");
        }
    }
}
