package dev.poolscope.cli;

import dev.poolscope.jfr.PoolEvent;
import dev.poolscope.jfr.PoolSampleEvent;
import dev.poolscope.jfr.TaskEvent;
import dev.poolscope.jfr.TaskEvents;
import dev.poolscope.metrics.Outcome;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openjdk.jmc.common.item.IAccessorKey;
import org.openjdk.jmc.common.item.IItem;
import org.openjdk.jmc.common.item.IItemCollection;
import org.openjdk.jmc.common.item.IItemIterable;
import org.openjdk.jmc.common.item.IMemberAccessor;
import org.openjdk.jmc.common.item.ItemFilters;
import org.openjdk.jmc.common.unit.IQuantity;
import org.openjdk.jmc.flightrecorder.JfrLoaderToolkit;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code run --jfr}: the recording holds one task event per task, and the JDK's and JMC's readers open it. */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class RunJfrTest {

    @TempDir
    Path dir;

    @Test
    void runWithJfr_onThreadPool_recordsOneTaskEventPerTask_readByJdkAndJmc() throws Exception {
        Path file = dir.resolve("run.jfr");
        CliTest.Result r = CliTest.run("run", "--pool", "fixed", "--workers", "2", "--workload", "cpu:size=2000",
                "--tasks", "300", "--no-progress", "--jfr", file.toString());
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("JFR recording written to " + file), r.out());

        List<RecordedEvent> events = RecordingFile.readAllEvents(file);
        List<RecordedEvent> tasks = events.stream()
                .filter(e -> e.getEventType().getName().equals(TaskEvent.NAME)).toList();
        assertEquals(300, tasks.size());
        Map<Long, String> poolNames = new HashMap<>();
        Map<Long, String> poolKinds = new HashMap<>();
        events.stream().filter(e -> e.getEventType().getName().equals(PoolEvent.NAME)).forEach(e -> {
            poolNames.put(e.getLong("pool"), e.getString("name"));
            poolKinds.put(e.getLong("pool"), e.getString("kind"));
        });
        Set<Long> ids = new HashSet<>();
        for (RecordedEvent e : tasks) {
            ids.add(e.getLong("taskId"));
            assertEquals(TaskEvents.KINDS.indexOf("fixed"), e.getByte("kind"));
            String pool = poolNames.get(e.getLong("pool"));
            assertTrue(pool != null && pool.equals("fixed#" + e.getLong("pool")), "the Pool event names the task's pool: " + pool);
            assertEquals("fixed", poolKinds.get(e.getLong("pool")));
            assertEquals(Outcome.SUCCEEDED.ordinal(), e.getByte("outcome"));
            assertTrue(e.getDuration("wait").toNanos() >= 0);
            assertTrue(e.getDuration("service").toNanos() > 0);
            assertTrue(e.getThread().getJavaName().startsWith("poolscope-fixed"), "emitted on the worker's thread");
            assertEquals(null, e.getStackTrace());
        }
        assertEquals(300, ids.size(), "each task once");
        assertEquals(300, jmcCount(file, TaskEvent.NAME));
        assertEquals(300, jmcDistinctTaskIds(file));
    }

    @Test
    void runWithJfr_onThreadPool_eventDurationIsTheServiceTime() throws Exception {
        Path file = dir.resolve("io.jfr");
        CliTest.Result r = CliTest.run("run", "--pool", "fixed", "--workers", "2", "--workload", "io:millis=3",
                "--tasks", "40", "--no-progress", "--jfr", file.toString());
        assertEquals(0, r.status(), r.err());
        List<RecordedEvent> tasks = RecordingFile.readAllEvents(file).stream()
                .filter(e -> e.getEventType().getName().equals(TaskEvent.NAME)).toList();
        assertEquals(40, tasks.size());
        long spanning = tasks.stream().filter(e -> {
            long service = e.getDuration("service").toNanos();
            return service >= 2_500_000 && Math.abs(e.getDuration().toNanos() - service) <= service / 5;
        }).count();
        assertTrue(spanning >= 36, "the event spans the task on its worker: " + spanning + " of 40");
    }

    @Test
    void runWithJfr_onProcessPool_recordsEveryTaskInTheParent_withPoolSamples() throws Exception {
        Path file = dir.resolve("process.jfr");
        Instant before = Instant.now();
        CliTest.Result r = CliTest.run("run", "--pool", "process", "--workers", "2", "--workload", "cpu:size=2000",
                "--tasks", "40", "--no-progress", "--sample-interval", "20ms", "--jfr", file.toString());
        assertEquals(0, r.status(), r.err());
        List<RecordedEvent> events = RecordingFile.readAllEvents(file);
        List<RecordedEvent> tasks = events.stream().filter(e -> e.getEventType().getName().equals(TaskEvent.NAME)).toList();
        assertEquals(40, tasks.size());
        assertTrue(tasks.stream().allMatch(e -> e.getByte("kind") == TaskEvents.kindCode("process")));
        Instant after = Instant.now();
        for (RecordedEvent e : tasks) {
            assertTrue(!e.getStartTime().isBefore(before) && !e.getEndTime().isAfter(after),
                    "the worker's instants are placed on the parent's clock: " + e.getStartTime() + " not in " + before + ".." + after);
            assertEquals(Math.max(1, e.getDuration("service").toNanos()), e.getDuration().toNanos(),
                    "the event's duration is the service time the worker reported");
        }
        assertTrue(events.stream().anyMatch(e -> e.getEventType().getName().equals(PoolSampleEvent.NAME)
                && e.getString("kind").equals("process") && e.getInt("poolSize") == 2), "a pool sample of the process pool");
    }

    @Test
    void jfrPrint_showsTheTaskEvents() throws Exception {
        Path file = dir.resolve("print.jfr");
        assertEquals(0, CliTest.run("run", "--workers", "2", "--workload", "noop", "--tasks", "50", "--no-progress",
                "--jfr", file.toString()).status());
        Path jfr = Path.of(System.getProperty("java.home"), "bin", "jfr");
        Process p = new ProcessBuilder(jfr.toString(), "print", "--events", TaskEvent.NAME, file.toString())
                .redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), text);
        assertEquals(50, text.lines().filter(l -> l.equals(TaskEvent.NAME + " {")).count(), text);
        assertTrue(text.contains("service = "), text);
        assertTrue(text.contains("outcome = " + Outcome.SUCCEEDED.ordinal()), text);

        Process pools = new ProcessBuilder(jfr.toString(), "print", "--events", PoolEvent.NAME, file.toString())
                .redirectErrorStream(true).start();
        String poolText = new String(pools.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(pools.waitFor(30, TimeUnit.SECONDS));
        assertTrue(poolText.contains("kind = \"fixed\"") && poolText.contains("name = \"fixed#"), poolText);
    }

    @Test
    void withNoRecording_taskEventsAreOff() {
        assertFalse(TaskEvents.enabled());
    }

    @Test
    void runWithJfr_inAMissingFolder_exits2NamingTheOption() {
        CliTest.Result r = CliTest.run("run", "--tasks", "1", "--jfr", dir.resolve("no/such/dir/x.jfr").toString());
        assertEquals(2, r.status());
        assertTrue(r.err().lines().findFirst().orElse("").contains("--jfr"), r.err());
        assertFalse(r.err().contains("\tat "), r.err());
    }

    private static long jmcCount(Path file, String type) throws Exception {
        IItemCollection items = JfrLoaderToolkit.loadEvents(file.toFile()).apply(ItemFilters.type(type));
        long n = 0;
        for (IItemIterable it : items) {
            n += it.getItemCount();
        }
        return n;
    }

    private static long jmcDistinctTaskIds(Path file) throws Exception {
        IItemCollection items = JfrLoaderToolkit.loadEvents(file.toFile()).apply(ItemFilters.type(TaskEvent.NAME));
        Set<Long> ids = new HashSet<>();
        for (IItemIterable it : items) {
            IMemberAccessor<?, IItem> taskId = null;
            for (IAccessorKey<?> key : it.getType().getAccessorKeys().keySet()) {
                if (key.getIdentifier().equals("taskId")) {
                    taskId = it.getType().getAccessor(key);
                }
            }
            assertTrue(taskId != null, "JMC sees the taskId field");
            for (IItem item : it) {
                Object v = taskId.getMember(item);
                ids.add(v instanceof IQuantity q ? q.longValue() : ((Number) v).longValue());
            }
        }
        return ids.size();
    }
}
