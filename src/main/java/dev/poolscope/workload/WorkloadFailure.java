package dev.poolscope.workload;

/** The exception the {@code failing} workload throws on purpose. */
public class WorkloadFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Creates the failure with a message. */
    public WorkloadFailure(String message) {
        super(message);
    }
}
