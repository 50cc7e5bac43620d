package dev.poolscope.tuning;

import dev.poolscope.engine.RunSpec;

/**
 * Hears a sweep's progress. Every method runs on the sweep's own thread, one
 * call at a time; implementations must return quickly (a UI hands the figures
 * over to its own thread).
 */
public interface SweepListener {
    /** A listener that ignores everything. */
    SweepListener NONE = new SweepListener() {
    };

    /** The unmeasured warm-up run is starting. */
    default void warmingUp(RunSpec spec) {
    }

    /**
     * A measured run is starting.
     *
     * @param index 0 for the first run of the sweep
     * @param total runs in the sweep
     * @param repetition 1 for a point's first run
     */
    default void runStarting(RunSpec spec, int index, int total, int repetition) {
    }

    /**
     * A point has a new measurement; {@code analysis} holds every point so far
     * with fits and recommendations.
     *
     * @param done measured runs so far
     */
    default void pointMeasured(SweepPoint point, SweepResult analysis, int done, int total) {
    }
}
