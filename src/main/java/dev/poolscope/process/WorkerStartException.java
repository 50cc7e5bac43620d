package dev.poolscope.process;

import java.util.List;

/**
 * A worker process could not be started, or did not become ready, even after
 * the pool's bounded retries. The message includes the worker's own error
 * output (for example the JVM's "Unrecognized VM option" line). It is an
 * {@link IllegalArgumentException} because the usual cause is a worker
 * setting (JVM option, initializer class), so the command line reports it as
 * invalid input.
 */
public class WorkerStartException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final List<String> logTail;

    /**
     * @param message what failed, and how often
     * @param logTail the last lines of the failing worker's log
     */
    public WorkerStartException(String message, List<String> logTail) {
        super(message + LogTail.describe(logTail));
        this.logTail = List.copyOf(logTail);
    }

    /** The last lines of the failing worker's log. */
    public List<String> logTail() {
        return logTail;
    }
}
