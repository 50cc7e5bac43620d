package dev.poolscope.process;

import dev.poolscope.metrics.FailureOrigin;

import java.io.PrintStream;
import java.io.PrintWriter;

/**
 * A task's own exception, raised in a worker process and carried back as text:
 * the message names the remote exception's type and message, and
 * {@link #remoteStackTrace()} keeps the worker's stack trace (printed after
 * the local one by {@link #printStackTrace()}).
 */
public class RemoteTaskException extends Exception implements FailureOrigin {
    private static final long serialVersionUID = 1L;

    private final String remoteType;
    private final String remoteMessage;
    private final String remoteStackTrace;
    private final int workerId;
    private final long pid;

    /**
     * @param remoteType the remote exception's class name
     * @param remoteMessage its message, or null
     * @param remoteStackTrace its stack trace as printed in the worker
     * @param workerId the worker slot that ran the task
     * @param pid the worker's process id
     */
    public RemoteTaskException(String remoteType, String remoteMessage, String remoteStackTrace, int workerId, long pid) {
        super(remoteType + (remoteMessage == null ? "" : ": " + remoteMessage) + " (in worker " + workerId
                + ", pid " + pid + ")");
        this.remoteType = remoteType;
        this.remoteMessage = remoteMessage;
        this.remoteStackTrace = remoteStackTrace == null ? "" : remoteStackTrace;
        this.workerId = workerId;
        this.pid = pid;
    }

    /** The remote exception's class name, e.g. {@code java.lang.IllegalStateException}. */
    public String remoteType() {
        return remoteType;
    }

    /** The remote exception's own message, or null. */
    public String remoteMessage() {
        return remoteMessage;
    }

    /** The stack trace as the worker printed it, causes included. */
    public String remoteStackTrace() {
        return remoteStackTrace;
    }

    /** The worker slot that ran the task. */
    public int workerId() {
        return workerId;
    }

    /** The process id of the worker that ran the task. */
    public long pid() {
        return pid;
    }

    @Override
    public void printStackTrace(PrintStream s) {
        super.printStackTrace(s);
        s.println("Remote stack trace (worker " + workerId + ", pid " + pid + "):");
        s.print(remoteStackTrace);
    }

    @Override
    public void printStackTrace(PrintWriter s) {
        super.printStackTrace(s);
        s.println("Remote stack trace (worker " + workerId + ", pid " + pid + "):");
        s.print(remoteStackTrace);
    }
}
