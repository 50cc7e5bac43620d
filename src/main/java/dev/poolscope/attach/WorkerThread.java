package dev.poolscope.attach;

/**
 * One worker thread of a watched pool, as a thread dump showed it.
 *
 * @param id the thread id
 * @param name the thread name
 * @param state the {@code Thread.State} name, or {@code "?"} when the dump had none
 * @param busy whether it was running a task (not waiting for one)
 * @param waitsOn the call in which it waits for another task's result ({@code FutureTask.get}), or null
 */
public record WorkerThread(long id, String name, String state, boolean busy, String waitsOn) {
    /** A worker not seen waiting for another task's result. */
    public WorkerThread(long id, String name, String state, boolean busy) {
        this(id, name, state, busy, null);
    }
}
