package dev.poolscope.process;

import dev.poolscope.metrics.FailureOrigin;

import java.util.List;

/**
 * The failure of a task whose worker process died (crashed, exited, was killed
 * or froze) while it held the task. The message names the worker slot, its
 * PID, the phase, and the exit code or signal, followed by the last lines of
 * the worker's log.
 */
public class WorkerCrashedException extends RuntimeException implements FailureOrigin {
    private static final long serialVersionUID = 1L;

    private final int workerId;
    private final long pid;
    private final String phase;
    private final String exit;
    private final List<String> logTail;

    /**
     * @param workerId the worker slot
     * @param pid the dead process's id
     * @param phase what the worker was doing, e.g. {@code running task 42}
     * @param exit how it ended, e.g. {@code exit code 3} or {@code killed by signal 9 (SIGKILL)}
     * @param logTail the last lines of its log
     */
    public WorkerCrashedException(int workerId, long pid, String phase, String exit, List<String> logTail) {
        super("worker " + workerId + " (pid " + pid + ") died while " + phase + ": " + exit
                + LogTail.describe(logTail));
        this.workerId = workerId;
        this.pid = pid;
        this.phase = phase;
        this.exit = exit;
        this.logTail = List.copyOf(logTail);
    }

    /** The worker slot. */
    public int workerId() {
        return workerId;
    }

    /** The process id of the worker that died. */
    public long pid() {
        return pid;
    }

    /** What the worker was doing when it died. */
    public String phase() {
        return phase;
    }

    /** How it ended: exit code, signal, or what the pool did to it. */
    public String exit() {
        return exit;
    }

    /** The last lines of the worker's log. */
    public List<String> logTail() {
        return logTail;
    }
}
