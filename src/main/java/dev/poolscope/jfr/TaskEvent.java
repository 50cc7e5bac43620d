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
 * <p>The event's start and duration are the task's start on its worker and
 * its service time (end - start), taken from the instants the pool's metrics
 * recorded, for every pool kind; {@link #service} holds the same service time
 * as a field. On thread pools the event is written on the worker's thread; on
 * process and cluster pools the parent writes it (on the thread that reads the
 * worker's replies) from the instants the worker reported. If the JVM's
 * Flight Recorder keeps time in a way PoolScope cannot match (see
 * {@link TaskClock}), events sit at the task's end with a zero duration, and
 * {@link #service} still holds the service time.
 *
 * <p>Every field is a number, since a string field costs more to write than
 * all the numbers together (JFR writes a short string char by char):
 * {@link #pool} is the pool's number, and the {@link PoolEvent} with that
 * number gives the pool's name and kind; {@link #kind} and {@link #outcome}
 * are small codes whose meaning each field's description gives
 * ({@link TaskEvents#KINDS}, {@link #OUTCOMES}).
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

    /** What the {@code outcome} codes mean: the ordinals of PoolScope's outcomes. */
    public static final String OUTCOMES = "0 SUCCEEDED, 1 FAILED, 2 CANCELLED, 3 REJECTED, 4 TIMED_OUT";

    @Label("Pool")
    @Description("The pool's number in this JVM (the 1 of fixed#1); the dev.poolscope.Pool event with this number names it")
    @PoolId
    long pool;

    @Label("Pool Kind")
    @Description("0 fixed, 1 virtual, 2 forkjoin, 3 process, 4 cluster, -1 another kind (the dev.poolscope.Pool event names it)")
    byte kind;

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
    @Description(OUTCOMES)
    byte outcome;

    TaskEvent() {
    }
}
