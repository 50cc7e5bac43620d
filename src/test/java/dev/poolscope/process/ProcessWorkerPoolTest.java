package dev.poolscope.process;

import dev.poolscope.metrics.Counts;
import dev.poolscope.pool.Completion;
import dev.poolscope.pool.PoolRegistry;
import dev.poolscope.pool.TaskCallable;
import dev.poolscope.pool.WorkerDetail;
import dev.poolscope.pool.WorkerPool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.NotSerializableException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static dev.poolscope.process.ProcessTestSupport.closeAndCheck;
import static dev.poolscope.process.ProcessTestSupport.pool;
import static dev.poolscope.process.ProcessTestSupport.task;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the process pool does when nothing goes wrong, and how it reports what users get wrong. */
@Timeout(120)
class ProcessWorkerPoolTest {

    @Test
    void registry_createsProcessPool() throws Exception {
        WorkerPool p = PoolRegistry.standard().create("process", dev.poolscope.pool.PoolConfig.of(1));
        try {
            assertInstanceOf(ProcessWorkerPool.class, p);
            assertTrue(PoolRegistry.standard().get("process").usesProcesses());
            assertEquals(7, p.submit((TaskCallable<Integer>) () -> 7).get());
        } finally {
            closeAndCheck((ProcessWorkerPool) p);
        }
    }

    @Test
    void submit_runsTaskInAnotherProcess() throws Exception {
        ProcessWorkerPool p = pool(2);
        try {
            long me = ProcessHandle.current().pid();
            long pid = p.submit((TaskCallable<Long>) () -> ProcessHandle.current().pid()).get();
            assertNotEquals(me, pid);
            assertTrue(p.workerPids().contains(pid), "ran in one of the workers " + p.workerPids());
        } finally {
            closeAndCheck(p);
        }
    }

    @Test
    void workloadTask_runsBuiltInWorkloadByName() throws Exception {
        ProcessWorkerPool p = pool(1);
        try {
            assertEquals(9592, p.submit(task("cpu:size=100000", 0)).get());
            assertEquals(7L, p.submit(task("noop", 7)).get());
        } finally {
            closeAndCheck(p);
        }
    }

    @Test
    void mapStarmapBatch_returnResultsInInputOrder() throws Exception {
        ProcessWorkerPool p = pool(2);
        try {
            List<Integer> items = IntStream.range(0, 1000).boxed().toList();
            List<Integer> squares = items.stream().map(x -> x * x).toList();
            assertEquals(squares, p.map(x -> x * x, items));
            assertEquals(squares, p.map(x -> x * x, items, 1));
            assertEquals(squares.subList(0, 20), p.batch(x -> x * x, items.subList(0, 20), 5));
            List<Map.Entry<Integer, Integer>> pairs = items.stream().map(x -> Map.entry(x, x)).toList();
            assertEquals(items.stream().map(x -> 2 * x).toList(), p.starmap(Integer::sum, pairs));
            assertEquals(63, p.autoChunkSize(500));
            try (Stream<Completion<Integer>> s = p.asCompleted(x -> x + 1, List.of(1, 2, 3))) {
                assertEquals(Map.of(0, 2, 1, 3, 2, 4),
                        s.collect(Collectors.toMap(Completion::index, Completion::value)));
            }
        } finally {
            closeAndCheck(p);
        }
    }

    @Test
    void taskException_arrivesAsItsOwnClass_withRemoteTraceAndWorkerNamed() throws Exception {
        ProcessWorkerPool p = pool(1);
        try {
            Future<Object> f = p.submit((TaskCallable<Object>) () -> {
                throw new java.io.IOException("disk gone");
            });
            ExecutionException e = assertThrows(ExecutionException.class, f::get);
            java.io.IOException own = assertInstanceOf(java.io.IOException.class, e.getCause());
            assertEquals("disk gone", own.getMessage());
            assertTrue(java.util.Arrays.stream(own.getStackTrace())
                    .anyMatch(el -> el.getClassName().contains("ProcessWorkerPoolTest")), "remote stack trace kept");
            RemoteTaskException r = assertInstanceOf(RemoteTaskException.class, own.getSuppressed()[0]);
            assertEquals(p.workerPids().get(0), r.pid());
            assertEquals("java.io.IOException", r.remoteType());
            assertEquals(1, ProcessTestSupport.awaitEnded(p, 1).failed());
        } finally {
            closeAndCheck(p);
        }
    }

    /** An exception that holds a value of a class outside the allow-list ({@code java.net}), so it cannot be read back. */
    static final class NotAllowedException extends Exception {
        private final java.net.URI where;

        NotAllowedException(String m, java.net.URI where) {
            super(m);
            this.where = where;
        }
    }

    @Test
    void taskException_thatCannotBeReadBack_arrivesAsStandInNamingItsClass() throws Exception {
        ProcessWorkerPool p = pool(1);
        try {
            Future<Object> f = p.submit((TaskCallable<Object>) () -> {
                throw new NotAllowedException("boom", java.net.URI.create("http://example.org/"));
            });
            ExecutionException e = assertThrows(ExecutionException.class, f::get);
            RemoteTaskException r = assertInstanceOf(RemoteTaskException.class, e.getCause());
            assertEquals(NotAllowedException.class.getName(), r.remoteType());
            assertEquals("boom", r.remoteMessage());
            assertTrue(r.remoteStackTrace().contains("ProcessWorkerPoolTest"), r.remoteStackTrace());
        } finally {
            closeAndCheck(p);
        }
    }

    @Test
    void notSerializableTask_failsOnlyThatTask() throws Exception {
        ProcessWorkerPool p = pool(1);
        try {
            Object notSerializable = new Object();
            Future<Object> f = p.submit(() -> notSerializable);
            ExecutionException e = assertThrows(ExecutionException.class, f::get);
            assertInstanceOf(NotSerializableException.class, e.getCause());
            assertTrue(e.getCause().getMessage().contains("cannot be sent to a worker process"), e.getCause().getMessage());
            assertEquals(3, p.submit((TaskCallable<Integer>) () -> 3).get());
        } finally {
            closeAndCheck(p);
        }
    }

    @Test
    void notSerializableResult_failsOnlyThatTask_workerSurvives() throws Exception {
        ProcessWorkerPool p = pool(1);
        try {
            long pid = p.workerPids().get(0);
            Future<Object> f = p.submit((TaskCallable<Object>) Object::new);
            ExecutionException e = assertThrows(ExecutionException.class, f::get);
            RemoteTaskException r = assertInstanceOf(RemoteTaskException.class, e.getCause());
            assertEquals("java.io.NotSerializableException", r.remoteType());
            assertTrue(r.getMessage().contains("could not be sent"), r.getMessage());
            assertEquals(pid, p.submit((TaskCallable<Long>) () -> ProcessHandle.current().pid()).get());
            assertEquals(0, p.metrics().restarts());
        } finally {
            closeAndCheck(p);
        }
    }

    @Test
    void classOutsideAllowList_isRefusedOnBothSides() throws Exception {
        ProcessWorkerPool p = pool(1);
        try {
            URI uri = URI.create("https://example.org/");
            ExecutionException sent = assertThrows(ExecutionException.class,
                    () -> p.submit((TaskCallable<String>) uri::toString).get());
            RemoteTaskException r = assertInstanceOf(RemoteTaskException.class, sent.getCause());
            assertTrue(r.getMessage().contains("could not read the task"), r.getMessage());
            ExecutionException back = assertThrows(ExecutionException.class,
                    () -> p.submit((TaskCallable<URI>) () -> URI.create("https://example.org/")).get());
            assertTrue(back.getCause().getMessage().contains("could not read the task's result"),
                    back.getCause().getMessage());
            assertEquals(0, p.metrics().restarts());
        } finally {
            closeAndCheck(p);
        }
    }

    @Test
    void noisyTask_printsToWorkerLog_notIntoProtocol() throws Exception {
        ProcessWorkerPool p = pool(1);
        try {
            for (int i = 0; i < 5; i++) {
                assertEquals((long) i, p.submit(task("noisy:lines=3,bytes=256", i)).get());
            }
            int id = p.workerIds().get(0);
            ProcessTestSupport.await("noisy lines in the worker log", java.time.Duration.ofSeconds(10),
                    () -> p.workerLog(id).stream().anyMatch(l -> l.contains("noisy task 4 line 2")));
            assertEquals(0, p.metrics().restarts());
        } finally {
            closeAndCheck(p);
        }
    }

    @Test
    void bigResult_arrivesWhole() throws Exception {
        ProcessWorkerPool p = pool(1);
        try {
            byte[] b = (byte[]) p.submit(task("bigresult:mib=8", 1)).get();
            assertEquals(8 << 20, b.length);
            ExecutionException e = assertThrows(ExecutionException.class, () -> p.submit(task("bigresult:mib=100", 1)).get());
            assertTrue(e.getCause().getMessage().contains("could not be sent"), e.getCause().getMessage());
            assertEquals(0, p.metrics().restarts());
        } finally {
            closeAndCheck(p);
        }
    }

    @Test
    void map_keepsNullsAndMixedTypes() throws Exception {
        ProcessWorkerPool p = pool(2);
        try {
            List<Object> items = new java.util.ArrayList<>(java.util.Arrays.asList(1, null, "two", 3L, 4.0));
            assertEquals(items, p.map(x -> x, items, 2));
            assertEquals(List.of(), p.map(x -> x, List.of()));
        } finally {
            closeAndCheck(p);
        }
    }

    @Test
    void longTasks_areSpreadFairly_notPipelinedOntoOneWorker() throws Exception {
        ProcessWorkerPool p = pool(2);
        try {
            List<Future<Object>> fs = new java.util.ArrayList<>();
            for (int i = 0; i < 40; i++) {
                fs.add(p.submit(task("io:millis=20", i)));
            }
            for (Future<Object> f : fs) {
                f.get();
            }
            for (WorkerDetail d : p.workerDetails()) {
                assertTrue(d.tasks() >= 14 && d.tasks() <= 26, "each worker took a fair share: " + p.workerDetails());
            }
        } finally {
            closeAndCheck(p);
        }
    }

    @Test
    void workerDetails_reportPidAndStartup() throws Exception {
        ProcessWorkerPool p = pool(2);
        try {
            p.map(x -> x, List.of(1, 2, 3, 4));
            List<WorkerDetail> d = p.workerDetails();
            assertEquals(2, d.size());
            for (WorkerDetail w : d) {
                assertTrue(w.pid() > 0);
                assertEquals(1, w.startupMillis().size());
                assertTrue(w.startupMillis().get(0) > 0);
                assertEquals(0, w.restarts());
            }
            assertTrue(p.toString().contains("ready=2"), p.toString());
            Counts c = p.metrics().counts();
            assertTrue(c.addsUp());
        } finally {
            closeAndCheck(p);
        }
    }
}
