package dev.poolscope.ui.model;

/**
 * What the dashboard's current run is doing.
 * <pre>
 *   IDLE -> STARTING -> RUNNING -> STOPPING -> STOPPED
 *                  \         \--> COMPLETED | STOPPED | FAILED
 *                   \--> FAILED (the engine refused to start)
 * </pre>
 */
public enum RunPhase {
    IDLE("Ready"), STARTING("Starting"), RUNNING("Running"), STOPPING("Stopping"),
    COMPLETED("Completed"), STOPPED("Stopped"), FAILED("Failed");

    private final String label;

    RunPhase(String label) {
        this.label = label;
    }

    /** True while a run exists and has not ended. */
    public boolean busy() {
        return this == STARTING || this == RUNNING || this == STOPPING;
    }

    /** The word the status bar shows. */
    public String label() {
        return label;
    }
}
