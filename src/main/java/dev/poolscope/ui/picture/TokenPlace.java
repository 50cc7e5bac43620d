package dev.poolscope.ui.picture;

/** Where a task's token is, or is heading, in the pool picture. */
public enum TokenPlace {
    /** Waiting in the queue. */
    QUEUE,
    /** Thrown back at the tail of a full queue (rejected on arrival). */
    BOUNCE,
    /** On a worker's lane: the task runs there. */
    LANE,
    /** Past its lane: the task ran to an end (or was cancelled while running). */
    DONE,
    /** Below the queue: the task never ran (rejected, or cancelled while queued). */
    BIN
}
