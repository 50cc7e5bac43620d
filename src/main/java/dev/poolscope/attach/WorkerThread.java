package dev.poolscope.attach;

/**
 * One worker thread of a watched pool, as a thread dump showed it.
 *
 * @param id the thread id
 * @param name the thread name
 * @param state the {@code Thread.State} name, or {@code "?"} when the dump had none
 * @param busy whether it was running a task (not waiting for one)
 */
public record WorkerThread(long id, String name, String state, boolean busy) {
}
