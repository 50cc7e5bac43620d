package dev.poolscope.attach;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.poolscope.agent.boot.Buckets;
import dev.poolscope.metrics.Percentiles;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The pure parts of watching: buckets, histograms, the agent's text, thread-dump grouping, labels. */
class ProbeFiguresTest {

    @Test
    void buckets_holdEveryValueWithinOneSixteenth() {
        for (long v : new long[]{0, 1, 15, 16, 17, 100, 4_999_999, 5_000_000, 123_456_789_012L, Long.MAX_VALUE / 3}) {
            int i = Buckets.index(v);
            assertTrue(Buckets.lowerBound(i) <= v, "lower bound of " + v);
            assertTrue(i + 1 == Buckets.COUNT || v < Buckets.lowerBound(i + 1), "upper bound of " + v);
            assertTrue(Math.abs(Buckets.middle(i) - v) <= Math.max(1, v / 16), "middle near " + v);
        }
        assertEquals(Buckets.COUNT - 1, Buckets.index(Long.MAX_VALUE));
    }

    @Test
    void histogram_percentilesAndDifferenceOfReadings() {
        int five = Buckets.index(5_000_000) + 1;
        int nine = Buckets.index(9_000_000) + 1;
        ProbeHistogram earlier = ProbeHistogram.parse("0:10," + five + ":10");
        ProbeHistogram later = ProbeHistogram.parse("0:111," + five + ":110," + nine + ":1");
        Percentiles p = later.minus(earlier).percentiles();
        assertEquals(101, p.count());
        assertEquals(5.0, p.p50() / 1e6, 0.2);
        assertEquals(5.0, p.p99() / 1e6, 0.2);
        assertEquals(9.0, p.max() / 1e6, 0.4);
        assertEquals(0, ProbeHistogram.parse("-").count());
    }

    @Test
    void agentLine_withAnOverridingSubclassThatRecordedNothing_hasNoServiceTimesAndSaysWhy() {
        String line = "com.example.OddPool@1a2b\tThreadPoolExecutor\t2\t0\t0\t500\t0\t2\t2\t2\t0\tbeforeExecute@com.example.OddPool\t-\t-\t-";
        PoolSample s = DeepProbe.parseLine(line, null);
        assertNull(s.service());
        assertNull(s.queueWait());
        assertEquals(500L, s.completed());
        assertTrue(s.note().startsWith("task times unseen"), s.note());
    }

    @Test
    void agentLine_forkJoinPool_hasNoCompletedOrRejectedCounts() {
        String line = "ForkJoinPool-1\tForkJoinPool\t2\t1\t7\t-1\t-1\t-1\t2\t-1\t0\t-\t-\t-\t-";
        PoolSample s = DeepProbe.parseLine(line, null);
        assertEquals(7L, s.queueDepth());
        assertNull(s.completed());
        assertNull(s.rejected());
        assertNull(s.service());
    }

    @Test
    void jsonThreadDump_groupsByContainer_andTellsBusyFromIdle() throws Exception {
        String json = """
                {"threadContainers":[
                 {"container":"<root>","threads":[{"tid":"1","name":"main","state":"RUNNABLE","stack":[]}]},
                 {"container":"java.util.concurrent.ThreadPoolExecutor@7d4991ad","threads":[
                   {"tid":"20","name":"work-1","state":"WAITING","stack":["java.base/jdk.internal.misc.Unsafe.park(Native Method)",
                     "java.base/java.util.concurrent.LinkedBlockingQueue.take(LinkedBlockingQueue.java:435)",
                     "java.base/java.util.concurrent.ThreadPoolExecutor.getTask(ThreadPoolExecutor.java:1070)",
                     "java.base/java.util.concurrent.ThreadPoolExecutor.runWorker(ThreadPoolExecutor.java:1130)"]},
                   {"tid":"21","name":"work-2","state":"TIMED_WAITING","stack":["java.base/java.lang.Thread.sleep(Thread.java:540)",
                     "com.example.Job.run(Job.java:5)",
                     "java.base/java.util.concurrent.ThreadPoolExecutor.runWorker(ThreadPoolExecutor.java:1090)"]}]},
                 {"container":"ForkJoinPool-1/jdk.internal.vm.SharedThreadContainer@2115f489","threads":[]}
                ]}""";
        List<PoolThreads> pools = ThreadDumps.parse(new ObjectMapper().readTree(json));
        assertEquals(2, pools.size());
        PoolThreads work = pools.get(0);
        assertEquals(PoolKinds.THREAD_POOL_EXECUTOR, work.kind());
        assertEquals(1, work.busy());
        assertFalse(work.threads().get(0).busy());
        assertEquals("work-*", PoolLabels.threadNames(work.threads()));
        assertEquals("ForkJoinPool-1", pools.get(1).name());
        assertEquals(PoolKinds.FORK_JOIN, pools.get(1).kind());
    }

    @Test
    void javaVersions_toFeatureReleases() {
        assertEquals(25, LocalJvm.feature("25.0.3"));
        assertEquals(17, LocalJvm.feature("17.0.12"));
        assertEquals(8, LocalJvm.feature("1.8.0_402"));
        assertEquals(0, LocalJvm.feature(null));
    }

    @Test
    void displayName_ofAJar_isItsFileNameAndArguments_ofAClass_isTheClass() {
        assertEquals("poolscope.jar demo pools", LocalJvms.displayName("/opt/lab/target/poolscope.jar demo pools", new String[0]));
        assertEquals("app.jar", LocalJvms.displayName("/srv/app.jar", new String[0]));
        String cut = LocalJvms.displayName("/srv/benchmarks.jar Probe -f 3 -wi 3 -i 5 -rf json -rff out.json", new String[0]);
        assertTrue(cut.startsWith("benchmarks.jar Probe -f 3") && cut.endsWith("…") && cut.length() == LocalJvms.NAME_WIDTH, cut);
        assertEquals("com.example.Main", LocalJvms.displayName("com.example.Main --port 8080", new String[0]));
    }
}
