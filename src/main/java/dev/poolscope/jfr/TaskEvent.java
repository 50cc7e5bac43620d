package dev.poolscope.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;

/**
 * One task that ran on a worker of a PoolScope pool, as a JDK Flight Recorder
 * event named {@value #NAME}.
 *
 * <p>The {@link #service} field is the task's service time (end - start, from
 * the instants the pool's metrics recorded) for every pool kind. The event's
 * own duration is measured by JFR between the moment the worker's recorder
 * saw the task start and the moment it saw the task end: on thread pools
 * both happen on the worker's thread, so the event sits on that thread and
 * its duration is the service time; on process pools the parent records the
 * task (on the thread that reads the worker's replies), so the duration is
 * the span the parent saw, which holds the worker's service time plus pipe
 * transfer. Read {@link #service} when comparing pool kinds.
 *
 * <p>Events are created by {@link TaskEvents}; nothing is allocated for them
 * while no recording has them enabled.
 */
@Name(TaskEvent.NAME)
@Label("Task")
@Category("PoolScope")
@Description("One task that ran on a worker of a PoolScope pool")
@StackTrace(false)
public final class TaskEvent extends Event {
    /** The event's name in recordings. */
    public static final String NAME = "dev.poolscope.Task";

    @Label("Pool")
    @Description("The pool's name, its kind and a number unique in this JVM, such as fixed#1")
    String pool;

    @Label("Pool Kind")
    @Description("fixed, virtual, forkjoin or process")
    String kind;

    @Label("Worker")
    @Description("The worker's id within its pool")
    int worker;

    @Label("Task Id")
    @Description("The task's sequence number in its pool")
    long taskId;

    @Label("Wait")
    @Description("Time from submission to the start on a worker")
    @Timespan(Timespan.NANOSECONDS)
    long wait;

    @Label("Service")
    @Description("Time from the start on a worker to the end: the service time, for every pool kind")
    @Timespan(Timespan.NANOSECONDS)
    long service;

    @Label("Outcome")
    @Description("SUCCEEDED, FAILED, CANCELLED or TIMED_OUT")
    String outcome;

    TaskEvent() {
    }
}
