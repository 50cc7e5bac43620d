package dev.poolscope.jfr;

import dev.poolscope.metrics.Outcome;
import dev.poolscope.pool.PoolRegistry;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A task event's start and duration come from the recorder's own instants, not from clocks read when it is written. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TaskEventsTest {

    @TempDir
    Path dir;

    @Test
    void outcomeCodes_areTheOutcomesOrdinals_asTheFieldDescriptionSays() {
        String legend = Arrays.stream(Outcome.values()).map(o -> o.ordinal() + " " + o.name())
                .collect(Collectors.joining(", "));
        assertEquals(legend, TaskEvent.OUTCOMES);
    }

    @Test
    void kindCodes_coverEveryRegisteredKind_asTheFieldDescriptionSays() {
        assertEquals(PoolRegistry.standard().names(), TaskEvents.KINDS);
        for (String kind : TaskEvents.KINDS) {
            assertEquals(TaskEvents.KINDS.indexOf(kind), TaskEvents.kindCode(kind));
        }
        assertEquals(-1, TaskEvents.kindCode("no-such-kind"));
    }

    @Test
    void writtenAfterTheTask_eventSpansTheTasksOwnInstants() throws Exception {
        Path file = dir.resolve("t.jfr");
        long wallAtStart;
        long start;
        try (Recording r = new Recording()) {
            r.enable(TaskEvent.NAME).withoutStackTrace().withThreshold(Duration.ZERO);
            r.start();
            assertTrue(TaskEvents.enabled());
            assertTrue(TaskClock.exact(), "HotSpot's default JFR clock is nanoTime less a constant");
            TaskEvents.Writer w = new TaskEvents.Writer();
            long now = System.nanoTime();
            wallAtStart = System.currentTimeMillis() - 40;
            start = now - 40_000_000L;           // the task started 40 ms ago,
            long end = start + 7_000_000L;       // ran 7 ms,
            w.write(3, TaskEvents.kindCode("fixed"), 1, 11, start - 2_000_000L, start, end, (byte) 0);
            w.write(3, TaskEvents.kindCode("fixed"), 1, 12, end, end + 5, end + 5, (byte) 1); // and one that took (almost) no time
            r.stop();
            r.dump(file);
        }
        List<RecordedEvent> events = RecordingFile.readAllEvents(file).stream()
                .filter(e -> e.getEventType().getName().equals(TaskEvent.NAME)).toList();
        assertEquals(2, events.size());
        RecordedEvent e = events.get(0);
        assertEquals(11, e.getLong("taskId"));
        assertEquals(0, e.getByte("kind"));
        assertEquals(0, e.getByte("outcome"));
        assertEquals(7_000_000L, e.getDuration().toNanos(), "the duration is the service time, to the nanosecond");
        assertEquals(7_000_000L, e.getDuration("service").toNanos());
        assertEquals(2_000_000L, e.getDuration("wait").toNanos());
        long offMillis = Math.abs(e.getStartTime().toEpochMilli() - wallAtStart);
        assertTrue(offMillis < 15, "the event starts when the task started (40 ms before it was written): off by "
                + offMillis + " ms, at " + e.getStartTime() + " vs " + Instant.ofEpochMilli(wallAtStart));
        RecordedEvent quick = events.get(1);
        assertEquals(1, quick.getByte("outcome"));
        assertTrue(quick.getDuration().toNanos() <= 5, "a task of no duration is not stretched to the write: "
                + quick.getDuration());
    }
}
