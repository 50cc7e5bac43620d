package dev.poolscope.cluster;

import dev.poolscope.metrics.Counts;
import dev.poolscope.metrics.ErrorTable;
import dev.poolscope.pool.ClusterTarget;
import dev.poolscope.pool.PoolConfig;
import dev.poolscope.pool.PoolRegistry;
import dev.poolscope.pool.RejectionPolicy;
import dev.poolscope.pool.TaskCallable;
import dev.poolscope.pool.TaskTimeoutException;
import dev.poolscope.pool.WorkerPool;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

import java.io.NotSerializableException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static dev.poolscope.process.ProcessTestSupport.await;
import static dev.poolscope.process.ProcessTestSupport.task;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The cluster pool with real members, each in its own JVM on loopback: one
 * pool of two members of one thread each is shared by the tests (in order,
 * the faults last), and at the end no member process may be left.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 400, unit = TimeUnit.SECONDS) // member JVMs start in 1-2.5 s idle, a minute or more on a loaded machine
class ClusterPoolTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(4);
    private static ClusterWorkerPool pool;
    private static final List<ProcessHandle> seen = new ArrayList<>();

    @BeforeAll
    static void startTwoMembers() {
        PoolConfig config = new PoolConfig(2, PoolConfig.UNBOUNDED, RejectionPolicy.BLOCK, TIMEOUT, 0, List.of(), null,
                new ClusterTarget(2, List.of(), null));
        WorkerPool p = PoolRegistry.standard().create("cluster", config);
        pool = assertInstanceOf(ClusterWorkerPool.class, p);
        assertEquals(2, pool.members());
        assertEquals(2, pool.memberPids().size());
        for (long pid : pool.memberPids()) {
            assertNotEquals(ProcessHandle.current().pid(), pid);
            assertTrue(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
        }
    }

    @AfterAll
    static void noMemberIsLeft() throws InterruptedException {
        if (pool == null) {
            return;
        }
        seen.addAll(pool.memberProcesses());
        pool.shutdown();
        assertTrue(pool.awaitTermination(60, TimeUnit.SECONDS), "pool did not terminate: " + pool);
        for (ProcessHandle h : seen) {
            await("member " + h.pid() + " to exit", Duration.ofSeconds(15), () -> !h.isAlive());
        }
        Counts c = pool.metrics().counts();
        assertEquals(c.submitted(), c.ended(), c.toString());
    }

    @Test
    @Order(1)
    void busyWorkers_readTheMembersReportedRunningTasks_evenWhenEachTaskEndsBetweenReports() throws Exception {
        List<Future<Object>> fs = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            fs.add(pool.submit(task("io:millis=3", i))); // a task ends long before the next report (every 100 ms)
        }
        await("a report to show both members busy", Duration.ofSeconds(30), () -> pool.metrics().busyWorkers() == 2);
        int samples = 0;
        int bothBusy = 0;
        StringBuilder trace = new StringBuilder();
        Future<Object> threeQuarters = fs.get(fs.size() * 3 / 4);
        while (!threeQuarters.isDone()) {
            samples++;
            int b = pool.metrics().busyWorkers();
            trace.append(b);
            if (b == 2) {
                bothBusy++;
            }
            java.util.concurrent.locks.LockSupport.parkNanos(2_000_000); // the pace of this sampler, not a wait for an event
        }
        for (Future<Object> f : fs) {
            f.get(60, TimeUnit.SECONDS);
        }
        assertTrue(samples >= 10, "sampled while the members worked: " + samples);
        assertTrue(bothBusy * 10 >= samples * 8, "both members read busy while both had work: " + bothBusy + " of " + samples + ": " + trace);
        await("both members to read idle once their work is done", Duration.ofSeconds(10),
                () -> pool.metrics().busyWorkers() == 0);
    }

    @Test
    @Order(1)
    void everyTaskEndsOnce_onBothMembers_withMemberSideInstants() throws Exception {
        Counts before = pool.metrics().counts();
        List<Future<Object>> fs = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            fs.add(pool.submit(task("cpu:size=2000", i)));
        }
        for (Future<Object> f : fs) {
            f.get(60, TimeUnit.SECONDS);
        }
        await("the last end to be counted", Duration.ofSeconds(10),
                () -> pool.metrics().counts().succeeded() - before.succeeded() == 200);
        Counts c = pool.metrics().counts();
        assertEquals(c.submitted(), c.ended(), c.toString());
        var details = pool.workerDetails();
        assertEquals(2, details.size());
        assertTrue(details.stream().allMatch(d -> d.tasks() > 0), "both members ran tasks: " + details);
        assertEquals(200, details.stream().mapToLong(d -> d.tasks()).sum() - before.succeeded());
    }

    @Test
    @Order(2)
    void serializableLambdas_runnablesWithResults_andInvokeAll_work_asOnEveryKind() throws Exception {
        TaskCallable<Integer> square = () -> 7 * 7;
        assertEquals(49, pool.submit(square).get(30, TimeUnit.SECONDS));
        Object mine = new Object();
        Runnable r = (Runnable & java.io.Serializable) () -> { };
        assertSame(mine, pool.submit(r, mine).get(30, TimeUnit.SECONDS));
        List<Callable<Object>> tasks = List.of(task("square", 3), task("square", 4));
        List<Future<Object>> done = pool.invokeAll(tasks, 30, TimeUnit.SECONDS);
        assertEquals(List.of(9L, 16L).toString(), List.of(done.get(0).get(), done.get(1).get()).toString());
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> pool.submit(task("failing:p=1", 1)).get(30, TimeUnit.SECONDS));
        assertFalse(e.getCause() instanceof MemberLostException, e.toString());
    }

    @Test
    @Order(3)
    void aTaskThatCannotTravel_failsAtOnce_namingWhy() {
        Object local = new Object();
        Callable<Object> notSerializable = () -> local;
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> pool.submit(notSerializable).get(10, TimeUnit.SECONDS));
        assertInstanceOf(NotSerializableException.class, e.getCause());
    }

    @Test
    @Order(4)
    void cancelTrue_interruptsTheTaskOnItsMember_andKillsNoMember() throws Exception {
        Set<Long> pids = new HashSet<>(pool.memberPids());
        Future<Object> f = pool.submit(task("io:millis=60000", 1));
        await("the task to start on a member", Duration.ofSeconds(30), () -> pool.metrics().counts().running() == 1);
        assertTrue(f.cancel(true));
        assertThrows(CancellationException.class, f::get);
        await("the member to report the task gone", Duration.ofSeconds(30), () -> pool.metrics().counts().running() == 0
                && pool.metrics().counts().submitted() == pool.metrics().counts().ended());
        assertEquals(pids, new HashSet<>(pool.memberPids()), "no member was killed for a cancel");
        assertEquals(9L, pool.submit(task("square", 3)).get(30, TimeUnit.SECONDS));
    }

    @Test
    @Order(5)
    void aTaskPastItsTimeout_endsTimedOut_andIsCancelledOnItsMember() throws Exception {
        long timedOutBefore = pool.metrics().counts().timedOut();
        Future<Object> f = pool.submit(task("io:millis=60000", 2));
        ExecutionException e = assertThrows(ExecutionException.class, () -> f.get(60, TimeUnit.SECONDS));
        TaskTimeoutException t = assertInstanceOf(TaskTimeoutException.class, e.getCause());
        assertTrue(t.getMessage().contains("member-"), t.getMessage());
        await("the timeout to be counted", Duration.ofSeconds(10), () -> pool.metrics().counts().timedOut() == timedOutBefore + 1);
        assertEquals(16L, pool.submit(task("square", 4)).get(30, TimeUnit.SECONDS), "the thread came back");
    }

    @Test
    @Order(6)
    void memberKilledFromOutside_failsOnlyWhatItMayHaveRun_namingIt_andIsReplaced() throws Exception {
        long victim = pool.memberPids().get(0);
        List<Future<Object>> fs = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            fs.add(pool.submit(task("io:millis=200", i)));
        }
        await("both members to run a task", Duration.ofSeconds(30), () -> pool.metrics().counts().running() == 2);
        assertTrue(ProcessHandle.of(victim).orElseThrow().destroyForcibly());
        int ok = 0;
        int lost = 0;
        for (Future<Object> f : fs) {
            try {
                f.get(90, TimeUnit.SECONDS);
                ok++;
            } catch (ExecutionException e) {
                MemberLostException m = assertInstanceOf(MemberLostException.class, e.getCause());
                assertTrue(m.getMessage().contains("PID " + victim) && m.getMessage().contains("127.0.0.1:"), m.getMessage());
                assertEquals(victim, m.pid(), "the loss names the member's process");
                lost++;
            }
        }
        assertEquals(20, ok + lost);
        assertTrue(lost >= 1 && lost <= 3, "only what the member may have been running failed: " + lost);
        ErrorTable.Entry losses = pool.metrics().errors().entries().stream()
                .filter(e -> e.type().equals(MemberLostException.class.getName())).findFirst().orElseThrow();
        assertEquals(List.of(victim), losses.pids(), "the run's error table names the lost member's process");
        await("a replacement member", Duration.ofSeconds(90),
                () -> pool.memberPids().size() == 2 && !pool.memberPids().contains(victim));
        assertEquals(25L, pool.submit(task("square", 5)).get(30, TimeUnit.SECONDS));
        await("the restart to be counted", Duration.ofSeconds(10),
                () -> pool.workerDetails().stream().mapToInt(d -> d.restarts()).sum() == 1);
    }

    @Test
    @Order(7)
    void crashWorkload_takesDownOnlyItsMember_andKillMemberReplacesAnother() throws Exception {
        Set<Long> before = new HashSet<>(pool.memberPids());
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> pool.submit(task("crash:p=1,millis=0", 1)).get(90, TimeUnit.SECONDS));
        assertInstanceOf(MemberLostException.class, e.getCause());
        assertTrue(e.getCause().getMessage().contains("exited with code 3") || e.getCause().getMessage().contains("left"),
                e.getCause().getMessage());
        await("a replacement member", Duration.ofSeconds(90), () -> pool.memberPids().size() == 2
                && !before.containsAll(pool.memberPids()));
        assertTrue(pool.killsWorkers());
        int slot = pool.workerDetails().get(0).id();
        long killed = pool.killWorker(slot);
        assertTrue(killed > 0);
        await("the killed member's replacement", Duration.ofSeconds(90),
                () -> pool.memberPids().size() == 2 && !pool.memberPids().contains(killed));
        assertEquals(36L, pool.submit(task("square", 6)).get(30, TimeUnit.SECONDS));
    }

    @Test
    @Order(8)
    void resize_addsAndRetiresWholeMembers() throws Exception {
        seen.addAll(pool.memberProcesses());
        pool.resize(3);
        assertEquals(3, pool.workers());
        await("a third member", Duration.ofSeconds(90), () -> pool.memberPids().size() == 3 && pool.liveWorkers() == 3);
        List<Future<Object>> fs = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            fs.add(pool.submit(task("io:millis=20", i)));
        }
        for (Future<Object> f : fs) {
            f.get(60, TimeUnit.SECONDS);
        }
        pool.resize(2);
        await("the third member to leave", Duration.ofSeconds(60), () -> pool.memberPids().size() == 2);
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> pool.resize(0));
        assertTrue(refused.getMessage().contains("workers"), refused.getMessage());
    }
}
