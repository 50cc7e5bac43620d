package dev.poolscope.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.Period;
import jdk.jfr.StackTrace;

/**
 * A periodic sample of one live PoolScope pool, as a JDK Flight Recorder event
 * named {@value #NAME}: queue depth, busy workers and pool size. One event per
 * live pool is written each period (1 s unless a recording sets another).
 * Figures are approximate, read while tasks run.
 */
@Name(PoolSampleEvent.NAME)
@Label("Pool Sample")
@Category("PoolScope")
@Description("Queue depth, busy workers and pool size of a live PoolScope pool")
@StackTrace(false)
@Period("1 s")
public final class PoolSampleEvent extends Event {
    /** The event's name in recordings. */
    public static final String NAME = "dev.poolscope.PoolSample";

    @Label("Pool")
    String pool;

    @Label("Pool Kind")
    String kind;

    @Label("Queue Depth")
    @Description("Tasks submitted and not yet started")
    long queueDepth;

    @Label("Busy Workers")
    @Description("Workers running a task")
    int busyWorkers;

    @Label("Pool Size")
    @Description("The worker count the pool is set to")
    int poolSize;

    PoolSampleEvent() {
    }
}
