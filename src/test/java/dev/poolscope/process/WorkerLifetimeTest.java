package dev.poolscope.process;

import dev.poolscope.pool.TaskCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** No worker outlives its parent: killed outright (end of input) or stopped with SIGTERM (shutdown hook). */
@Timeout(120)
class WorkerLifetimeTest {

    private static List<Long> startParentAndReadPids(Process parent) throws Exception {
        BufferedReader r = new BufferedReader(new InputStreamReader(parent.getErrorStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = r.readLine()) != null) {
            if (line.startsWith("PIDS ")) {
                return Arrays.stream(line.substring(5).trim().split(" ")).map(Long::parseLong).toList();
            }
        }
        throw new AssertionError("the parent ended without printing its worker PIDs");
    }

    private static Process parent() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), OrphanParent.class.getName())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    }

    private static void awaitAllGone(List<Long> pids) {
        ProcessTestSupport.await("workers " + pids + " exited", Duration.ofSeconds(30),
                () -> pids.stream().noneMatch(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)));
    }

    @Test
    void parentKilledOutright_workersExitAtEndOfInput() throws Exception {
        Process parent = parent();
        try {
            List<Long> pids = startParentAndReadPids(parent);
            assertEquals(2, pids.size());
            parent.destroyForcibly(); // SIGKILL: no hook runs; the workers see their input end
            assertTrue(parent.waitFor(30, java.util.concurrent.TimeUnit.SECONDS));
            awaitAllGone(pids);
        } finally {
            parent.destroyForcibly();
        }
    }

    @Test
    void parentStoppedWithSigterm_hookKillsWorkers() throws Exception {
        Process parent = parent();
        try {
            List<Long> pids = startParentAndReadPids(parent);
            parent.destroy(); // SIGTERM, like Ctrl-C: shutdown hooks run
            assertTrue(parent.waitFor(30, java.util.concurrent.TimeUnit.SECONDS));
            awaitAllGone(pids);
        } finally {
            parent.destroyForcibly();
        }
    }

    @Test
    void heartbeats_fillCpuAndResidentMemory() throws Exception {
        ProcessWorkerPool p = ProcessTestSupport.pool(1);
        try {
            p.submit(ProcessTestSupport.task("cpu:size=100000", 0)).get();
            ProcessTestSupport.await("a heartbeat with figures", Duration.ofSeconds(10),
                    () -> p.workerSnapshots().get(0).rssBytes() > 0 && p.workerSnapshots().get(0).cpuNanos() > 0);
            var w = p.workerSnapshots().get(0);
            assertTrue(w.startupMillis() > 0);
            assertTrue(w.pid() > 0);
            assertNotNull(w.state());
            assertEquals(1, p.submit((TaskCallable<Integer>) () -> 1).get());
        } finally {
            ProcessTestSupport.closeAndCheck(p);
        }
    }
}
