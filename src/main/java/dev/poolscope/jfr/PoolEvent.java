package dev.poolscope.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.Period;
import jdk.jfr.StackTrace;

/**
 * The name and kind of one PoolScope pool, as a JDK Flight Recorder event
 * named {@value #NAME}: what the {@code pool} number of a {@link TaskEvent}
 * stands for. It is written when a pool is created while a recording has it
 * enabled, and for every live pool at the start of each chunk, so every
 * recording file (and every chunk of one) that holds a pool's task events also
 * holds this event.
 */
@Name(PoolEvent.NAME)
@Label("Pool")
@Category("PoolScope")
@Description("The name and kind of a PoolScope pool, for the pool number of its task events")
@StackTrace(false)
@Period("beginChunk")
public final class PoolEvent extends Event {
    /** The event's name in recordings. */
    public static final String NAME = "dev.poolscope.Pool";

    @Label("Pool")
    @Description("The pool's number in this JVM, as in its task events")
    @PoolId
    long pool;

    @Label("Pool Name")
    @Description("The pool's kind and number, such as fixed#1")
    String name;

    @Label("Pool Kind")
    @Description("fixed, virtual, forkjoin, process or cluster")
    String kind;

    PoolEvent() {
    }
}
