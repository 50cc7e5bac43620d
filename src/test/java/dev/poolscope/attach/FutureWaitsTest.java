package dev.poolscope.attach;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FutureWaitsTest {
    private static final List<String> WAITING = List.of(
            "java.base/jdk.internal.misc.Unsafe.park(Native Method)",
            "java.base/java.util.concurrent.locks.LockSupport.park(LockSupport.java:369)",
            "java.base/java.util.concurrent.FutureTask.awaitDone(FutureTask.java:500)",
            "java.base/java.util.concurrent.FutureTask.get(FutureTask.java:190)",
            "app.Report.lambda$build$0(Report.java:12)",
            "java.base/java.util.concurrent.ThreadPoolExecutor.runWorker(ThreadPoolExecutor.java:1095)",
            "java.base/java.util.concurrent.ThreadPoolExecutor$Worker.run(ThreadPoolExecutor.java:619)");
    private static final List<String> IDLE = List.of(
            "java.base/jdk.internal.misc.Unsafe.park(Native Method)",
            "java.base/java.util.concurrent.LinkedBlockingQueue.take(LinkedBlockingQueue.java:435)",
            "java.base/java.util.concurrent.ThreadPoolExecutor.getTask(ThreadPoolExecutor.java:1070)",
            "java.base/java.util.concurrent.ThreadPoolExecutor.runWorker(ThreadPoolExecutor.java:1130)");

    @Test
    void waitCall_namesThePublicCallNearestTheTask() {
        assertEquals("FutureTask.get", FutureWaits.waitCall(WAITING));
        assertEquals("CompletableFuture.join", FutureWaits.waitCall(List.of(
                "java.util.concurrent.CompletableFuture.waitingGet()", "java.util.concurrent.CompletableFuture.join()",
                "app.Task.run()", "java.util.concurrent.ThreadPoolExecutor.runWorker()")));
    }

    @Test
    void waitCall_isNullForAnIdleWorker_orAFutureBelowTheWorkerLoop() {
        assertNull(FutureWaits.waitCall(IDLE));
        assertNull(FutureWaits.waitCall(List.of("java.util.concurrent.ThreadPoolExecutor.runWorker()",
                "java.util.concurrent.FutureTask.get()")));
        assertNull(FutureWaits.waitCall(List.of("app.FutureTask.getter()")));
    }

    @Test
    void suspected_onlyWhenEveryWorkerIsParkedOnAFuture_andTheQueueIsNotKnownEmpty() {
        WorkerThread a = new WorkerThread(1, "a", "WAITING", true, "FutureTask.get");
        WorkerThread b = new WorkerThread(2, "b", "WAITING", true, "FutureTask.get");
        WorkerThread running = new WorkerThread(3, "c", "RUNNABLE", true, null);
        assertTrue(FutureWaits.suspected(List.of(a, b), null));
        assertTrue(FutureWaits.suspected(List.of(a, b), 2L));
        assertFalse(FutureWaits.suspected(List.of(a, b), 0L), "an empty queue: the awaited tasks are elsewhere");
        assertFalse(FutureWaits.suspected(List.of(a, running), 2L));
        assertFalse(FutureWaits.suspected(List.of(), 2L));
    }
}
