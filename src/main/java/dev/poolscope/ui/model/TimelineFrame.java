package dev.poolscope.ui.model;

import dev.poolscope.metrics.TaskSpan;
import dev.poolscope.metrics.WorkerSnapshot;

import java.util.List;

/**
 * What the worker timeline draws at one instant.
 *
 * @param nowNanos the right edge, in the spans' time base
 * @param workers the workers, one row each
 * @param spans their recent tasks
 */
public record TimelineFrame(long nowNanos, List<WorkerSnapshot> workers, List<TaskSpan> spans) {
    /** Nothing to draw. */
    public static final TimelineFrame EMPTY = new TimelineFrame(0, List.of(), List.of());
}
