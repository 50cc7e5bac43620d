package dev.poolscope.attach;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.poolscope.cli.PoolScopeCli;
import dev.poolscope.workload.TwinFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Watches a real target JVM ({@link PoolTarget}: a pool of 4 threads running 5 ms tasks, a pool of 1 thread with a
 * queue of 2 that rejects, and a subclass whose beforeExecute does not call super) in basic and deep mode, through
 * the engine and through the command line. The target also runs a pool of 2 that deadlocks by starvation, and uses
 * its own ByteBuddy (1.14.18, another version than the probe's) from its class path: the probe's copy is relocated
 * ({@code dev.poolscope.agent.shaded.bytebuddy}) and lives in a class loader of its own, whose parent is the
 * platform loader, so the application's copy is never seen by the probe nor the probe's by the application. Skipped, with the reason, where this machine does not allow attaching.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class WatchRealTargetTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static TargetJvm target;
    private static String cannotAttach;

    @BeforeAll
    static void startTarget() throws Exception {
        target = TargetJvm.start(TargetJvm.currentJavaHome(), List.of(), "odd", "deadlock", "bytebuddy", "meters");
        try (TargetConnection c = TargetConnection.open(target.pid())) {
            cannotAttach = null;
        } catch (AttachException e) {
            cannotAttach = e.getMessage();
        }
    }

    @AfterAll
    static void stopTarget() throws Exception {
        if (target != null) {
            target.close();
            assertFalse(target.process.isAlive(), "the target JVM is left running");
        }
    }

    private static void assumeAttachable() {
        assumeTrue(cannotAttach == null, () -> "attaching is impossible on this machine: " + cannotAttach);
    }

    private static PoolSample byThreads(List<PoolSample> pools, String prefix) {
        Optional<PoolSample> p = pools.stream()
                .filter(s -> !s.workers().isEmpty() && s.workers().stream().allMatch(w -> w.name().startsWith(prefix)))
                .findFirst();
        assertTrue(p.isPresent(), "no pool with threads named " + prefix + "* among " + pools.stream().map(PoolSample::name).toList());
        return p.get();
    }

    @Test
    @Order(1)
    void jvms_listsTheTargetAsAttachable() {
        LocalJvm j = LocalJvms.find(target.pid()).orElseThrow(() -> new AssertionError("target not listed"));
        assertEquals(PoolTarget.class.getName(), j.displayName());
        assertEquals(Runtime.version().feature(), j.feature());
        assertEquals(cannotAttach == null, j.attachable(), String.valueOf(j.reason()));
    }

    @Test
    @Order(2)
    void basic_findsBothPoolsWithTheirThreadCounts_andNothingItCannotSee() throws Exception {
        assumeAttachable();
        try (TargetConnection c = TargetConnection.open(target.pid()); BasicProbe probe = new BasicProbe(c)) {
            List<PoolSample> pools = probe.read();
            PoolSample work = byThreads(pools, "work-");
            PoolSample reject = byThreads(pools, "reject-");
            assertEquals(PoolKinds.THREAD_POOL_EXECUTOR, work.kind());
            assertEquals(4, work.threads());
            assertEquals(1, reject.threads());
            assertTrue(work.name().startsWith("java.util.concurrent.ThreadPoolExecutor@"), work.name());
            assertTrue(work.active() >= 0 && work.active() <= 4);
            assertNull(work.queueDepth());
            assertNull(work.rejected());
            assertNull(work.queueWait());
            assertTrue(probe.limits().get(0).contains("--deep"));
            PoolSample meters = pools.stream().filter(p -> p.name().equals(MicrometerMeters.PREFIX + "work")).findFirst()
                    .orElseThrow(() -> new AssertionError("the target's Micrometer meters: " + pools.stream().map(PoolSample::name).toList()));
            assertEquals(PoolKinds.THREAD_POOL_EXECUTOR, meters.kind());
            assertEquals(4, meters.threads(), "executor.pool.size");
            assertEquals(4, meters.coreSize(), "executor.pool.core");
            assertTrue(meters.completed() != null && meters.completed() > 0, "executor.completed: " + meters.completed());
            assertNotNull(meters.queueDepth(), "executor.queued");
            assertTrue(probe.limits().stream().anyMatch(l -> l.contains("Micrometer")), String.valueOf(probe.limits()));
        }
    }

    @Test
    @Order(3)
    void basic_onJdk25_tracesServiceTimesWithJfr() throws Exception {
        assumeAttachable();
        assumeTrue(Runtime.version().feature() >= 25, "JFR method tracing needs JDK 25");
        try (TargetConnection c = TargetConnection.open(target.pid()); BasicProbe probe = new BasicProbe(c)) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            PoolSample work = byThreads(probe.read(), "work-");
            while ((work.service() == null || work.service().count() < 100) && System.nanoTime() < deadline) {
                Thread.sleep(250);
                work = byThreads(probe.read(), "work-");
            }
            assertNotNull(work.service(), "service times traced");
            double p50 = work.service().percentiles().p50() / 1e6;
            assertTrue(p50 > 4.5 && p50 < 9, "traced service p50 near 5 ms, was " + p50 + " ms");
            assertNull(work.queueDepth());
        }
    }

    @Test
    @Order(3)
    void deep_measuresServiceTimesNearFiveMillis_countsRejections_andDetachesCleanly() throws Exception {
        assumeAttachable();
        try (TargetConnection c = TargetConnection.open(target.pid())) {
            Watch watch;
            // CPU times of 1 task in 4 (not the default 1 in 256), so a short watch has enough of them
            DeepProbe probe = DeepProbe.open(c, DeepProbe.IDLE_MILLIS, "cpuSampleBits=2");
            try {
                watch = new Watch(c, probe);
                long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(1500);
                while (System.nanoTime() < end) {
                    watch.sample();
                    Thread.sleep(100);
                }
                watch.sample();
            } finally {
                probe.close();
            }
            WatchReport r = watch.report("duration");
            assertEquals("deep", r.mode());
            PoolFigures work = r.pools().stream().filter(p -> "work-*".equals(PoolLabels.threadNames(p.workers())))
                    .findFirst().orElseThrow(() -> new AssertionError("work pool not found: " + r.pools()));
            assertEquals(4, work.threads());
            assertNotNull(work.service(), "service times");
            double p50 = work.service().p50() / 1e6;
            assertTrue(p50 > 4.5 && p50 < 9, "service p50 near 5 ms, was " + p50 + " ms");
            assertTrue(work.completed() > 100, "completed " + work.completed());
            assertEquals(0L, work.rejected());
            assertNotNull(work.queueDepth());
            assertNotNull(work.queueWait(), "sampled queue waits");
            assertTrue(work.cpu() != null && work.cpu().count() > 0, "sampled CPU times");
            assertTrue(work.cpu().p50() < work.service().p50(), "a sleeping task uses less CPU than wall time");
            PoolFigures reject = r.pools().stream().filter(p -> "reject-*".equals(PoolLabels.threadNames(p.workers())))
                    .findFirst().orElseThrow();
            assertTrue(reject.rejected() > 10, "rejections counted: " + reject.rejected());
            PoolFigures odd = r.pools().stream().filter(p -> "odd-*".equals(PoolLabels.threadNames(p.workers())))
                    .findFirst().orElseThrow();
            assertNull(odd.service(), "task times of a pool whose beforeExecute skips super are unseen, not zero");
            assertTrue(odd.note() != null && odd.note().contains("beforeExecute"), String.valueOf(odd.note()));
            assertNull(work.stall(), "a busy pool whose workers do not wait is no stall");
            assertTrue(work.blocked() != null && work.blocked().p50() > 3_000_000, "a sleeping task is blocked most of its wall time");
            PoolFigures stuck = r.pools().stream().filter(p -> "stuck-*".equals(PoolLabels.threadNames(p.workers())))
                    .findFirst().orElseThrow();
            assertNotNull(stuck.stall(), "both workers wait on futures of their own queued tasks");
            assertEquals(FutureWaits.SUSPECTED, stuck.stall().kind());
            assertEquals(2, stuck.stall().threads().size());
            assertEquals(2L, stuck.queueDepth(), "the awaited subtasks wait in the queue");
            assertTrue(target.startup.stream().anyMatch(l -> l.startsWith("own ByteBuddy") && l.contains("byte-buddy-1.14.18")),
                    "the target uses its own ByteBuddy, another version than the probe's: " + target.startup);
            String state = String.valueOf(c.mbeans().isRegistered(new javax.management.ObjectName("dev.poolscope:type=PoolProbe")));
            assertEquals("false", state, "the probe's MBean is gone after detach");
        }
        assertTrue(target.process.isAlive(), "the target runs on after detach");
        long before = target.nextWorkCompleted();
        long after = target.nextWorkCompleted();
        assertTrue(before > 0 && after > before, "the target still completes tasks: " + before + " then " + after);
    }

    @Test
    @Order(4)
    void deep_canAttachAgainAfterDetach() throws Exception {
        assumeAttachable();
        try (TargetConnection c = TargetConnection.open(target.pid()); DeepProbe probe = DeepProbe.open(c)) {
            Thread.sleep(300);
            PoolSample work = byThreads(probe.read(), "work-");
            assertNotNull(work.completed());
        }
        assertTrue(target.process.isAlive());
    }

    @Test
    @Order(5)
    void deep_whenPoolScopeVanishesWithoutDetaching_theAgentRemovesItsAdviceByItself() throws Exception {
        assumeAttachable();
        javax.management.ObjectName name = new javax.management.ObjectName("dev.poolscope:type=PoolProbe");
        TargetConnection c = TargetConnection.open(target.pid());
        DeepProbe.open(c, 1000, "").read();
        assertTrue(c.mbeans().isRegistered(name));
        c.close(); // as if PoolScope were killed: no detach call
        try (TargetConnection again = TargetConnection.open(target.pid())) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            while (again.mbeans().isRegistered(name) && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            assertFalse(again.mbeans().isRegistered(name), "the agent detached itself once no reader called");
        }
        long before = target.nextWorkCompleted();
        assertTrue(target.nextWorkCompleted() > before, "the target still completes tasks");
    }

    @Test
    @Order(6)
    void cli_watchJson_writesOneDocumentWithTheIssuesFields() throws Exception {
        assumeAttachable();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = PoolScopeCli.execute(new String[]{"watch", Long.toString(target.pid()), "--duration", "2s",
                "--interval", "250ms", "--json", "-"}, new PrintWriter(out, true), new PrintWriter(err, true));
        assertEquals(0, status, err.toString());
        JsonNode root = JSON.readTree(out.toString());
        assertEquals(target.pid(), root.path("pid").asLong());
        assertEquals("basic", root.path("mode").asText());
        assertEquals(System.getProperty("java.version"), root.path("javaVersion").asText());
        JsonNode work = null;
        for (JsonNode p : root.path("pools")) {
            if ("work-*".equals(p.path("threadNames").asText())) {
                work = p;
            }
            for (String f : new String[]{"name", "kind", "threads", "active", "queueDepth", "completed", "rejected",
                    "throughputPerSecond", "waitMicros", "serviceMicros", "samples"}) {
                assertTrue(p.has(f), "pool field " + f);
            }
        }
        assertNotNull(work, out.toString());
        assertTrue(work.has("stall") && work.path("stall").isNull(), "no stall: null");
        JsonNode stuck = null;
        for (JsonNode p : root.path("pools")) {
            if ("stuck-*".equals(p.path("threadNames").asText())) {
                stuck = p;
            }
        }
        assertNotNull(stuck, out.toString());
        assertEquals(FutureWaits.SUSPECTED, stuck.path("stall").path("kind").asText());
        assertEquals(2, stuck.path("stall").path("threads").size());
        assertTrue(stuck.path("stall").path("since").asLong(-1) >= 0);
        assertEquals("FutureTask.get", stuck.path("stall").path("waitsOn").get(0).asText());
        assertEquals(4, work.path("threads").asInt());
        assertTrue(work.path("queueDepth").isNull(), "unseen in basic mode: null, not 0");
        assertTrue(work.path("rejected").isNull());
        assertTrue(work.path("waitMicros").isNull());
        assertTrue(work.path("samples").size() >= 2);
        assertTrue(work.path("samples").get(0).has("activeWorkers"));
    }

    @Test
    @Order(6)
    void cli_watchDeepTwin_writesATwinThatRunReplaysAtTheWatchedRate(@TempDir Path dir) throws Exception {
        assumeAttachable();
        Path file = dir.resolve("work.twin.json");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = PoolScopeCli.execute(new String[]{"watch", Long.toString(target.pid()), "--deep", "--duration", "4s",
                "--twin", file.toString(), "--twin-pool", "work-*"}, new PrintWriter(out, true), new PrintWriter(err, true));
        assertEquals(0, status, err + "\n" + out);
        TwinFile twin = TwinFile.read(file);
        assertEquals(4, twin.threads());
        assertTrue(twin.arrivalPerSecond() > 150 && twin.arrivalPerSecond() < 700, "about 400 a second: " + twin.arrivalPerSecond());
        assertTrue(twin.tasksMeasured() >= WorkloadTwins.MIN_TASKS, "tasks measured: " + twin.tasksMeasured());
        double blockedMillis = twin.blocked().mean() / 1e6;
        assertTrue(blockedMillis > 4 && blockedMillis < 12, "5 ms sleeps are blocked time: " + blockedMillis + " ms");
        assertTrue(twin.cpu().mean() < twin.blocked().mean() / 2, "sleeping tasks use little CPU");
        out.getBuffer().setLength(0);
        status = PoolScopeCli.execute(new String[]{"run", "--pool", "fixed", "--workers", "4", "--workload",
                "twin:file=" + file, "--tasks", "100", "--json", "-"}, new PrintWriter(out, true), new PrintWriter(err, true));
        assertEquals(0, status, err.toString());
        JsonNode run = JSON.readTree(out.toString());
        assertEquals(100, run.path("tasks").path("succeeded").asInt());
        double service = run.path("serviceMicros").path("p50").asDouble() / 1000;
        assertTrue(service > 4 && service < 12, "replayed service p50 near 5 ms, was " + service);
        double rate = run.path("throughputPerSecond").asDouble();
        assertTrue(rate < 1.6 * twin.arrivalPerSecond(), "tasks arrive at the twin's rate, not all at once: " + rate);
    }

    @Test
    @Order(7)
    void cli_watch_badInputIsExit2_andNoSuchProcessIsExit3WithOneLine() {
        StringWriter err = new StringWriter();
        assertEquals(2, PoolScopeCli.execute(new String[]{"watch", "12x"}, new PrintWriter(new StringWriter()), new PrintWriter(err, true)));
        err.getBuffer().setLength(0);
        assertEquals(2, PoolScopeCli.execute(new String[]{"watch", "1", "--interval", "1ms"}, new PrintWriter(new StringWriter()), new PrintWriter(err, true)));
        assertTrue(err.toString().contains("--interval"), err.toString());
        err.getBuffer().setLength(0);
        assertEquals(2, PoolScopeCli.execute(new String[]{"watch", "1", "--twin", "x.json"}, new PrintWriter(new StringWriter()), new PrintWriter(err, true)));
        assertTrue(err.toString().contains("--twin needs --deep"), err.toString());
        err.getBuffer().setLength(0);
        assertEquals(3, PoolScopeCli.execute(new String[]{"watch", "999999999"}, new PrintWriter(new StringWriter()), new PrintWriter(err, true)));
        assertEquals(1, err.toString().strip().lines().count(), err.toString());
        assertTrue(err.toString().contains("no process with PID 999999999"), err.toString());
    }
}
