package dev.poolscope.process;

import dev.poolscope.pool.ObservedTask;
import dev.poolscope.pool.PoolConfig;
import dev.poolscope.pool.PoolRegistry;
import dev.poolscope.pool.WorkerPool;
import dev.poolscope.workload.WorkloadSpec;
import dev.poolscope.workload.WorkloadTask;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Batches of short tasks, without processes: which tasks the writer flags as
 * continuing a batch, how many of the unanswered ones may have started, which
 * tasks may share a batch at all, and the reader's check for a whole frame.
 */
class TaskBatchTest {
    private final WorkerPool pool = PoolRegistry.standard().create("fixed", PoolConfig.of(1));
    private final TaskCodec codec = new TaskCodec(SerialFilter.forResults(List.of()));
    private final ByteArrayOutputStream pipe = new ByteArrayOutputStream();
    private final ChannelWriter writer = new ChannelWriter(pipe, "test-writer", e -> {
        throw new AssertionError(e);
    });

    @AfterEach
    void close() {
        pool.shutdownNow();
    }

    private TaskCodec.EncodedTask workload(String name, long index) {
        ObservedTask<Object> t = pool.newTask(new WorkloadTask(WorkloadSpec.of(name), 1, index, null));
        return codec.encode(t);
    }

    /** The type byte of every frame written so far, in order. */
    private List<Integer> writtenTypes() throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(pipe.toByteArray()));
        FrameBuffer b = new FrameBuffer(64);
        List<Integer> types = new ArrayList<>();
        while (in.available() > 0) {
            types.add(b.readFrame(in, Frames.MAX_FRAME));
        }
        return types;
    }

    @Test
    void tasksQueuedTogether_shareABatch_aFlushOrARefusalStartsTheNext() throws IOException {
        int cont = Frames.RUN_WORKLOAD | Frames.CONTINUES_BATCH;
        writer.send(workload("noop", 0), true);
        writer.send(workload("noop", 1), true);
        writer.send(workload("noop", 2), true);
        writer.flush();
        writer.send(workload("noop", 3), true);
        writer.send(workload("noop", 4), false);
        writer.flush();
        writer.kick();
        assertEquals(List.of(Frames.RUN_WORKLOAD, cont, cont, Frames.RUN_WORKLOAD, Frames.RUN_WORKLOAD), writtenTypes());
        assertEquals(3, writer.possiblyStarted(), "the first batch is tasks 0-2");
        writer.answered();
        writer.answered();
        assertEquals(1, writer.possiblyStarted(), "only task 2 of the first batch is unanswered");
        writer.answered();
        assertEquals(1, writer.possiblyStarted(), "task 3 alone; task 4 began its own batch");
        writer.answered();
        writer.answered();
        assertEquals(0, writer.possiblyStarted(), "nothing unanswered");
    }

    @Test
    void aBatch_endsAfterItsLargestSize() throws IOException {
        for (int i = 0; i < ChannelWriter.MAX_BATCH + 3; i++) {
            writer.send(workload("noop", i), true);
        }
        writer.flush();
        writer.kick();
        List<Integer> types = writtenTypes();
        assertEquals(Frames.RUN_WORKLOAD, (int) types.get(0));
        assertEquals(Frames.RUN_WORKLOAD, (int) types.get(ChannelWriter.MAX_BATCH), "a new batch after the largest");
        assertEquals(ChannelWriter.MAX_BATCH, writer.possiblyStarted());
    }

    @Test
    void onlyBuiltInWorkloadsThatCannotCrashTheirWorker_mayShareABatch() {
        assertTrue(workload("noop", 0).batchable());
        assertTrue(workload("cpu", 0).batchable());
        assertFalse(workload("crash", 0).batchable(), "a fault workload would take its batch with it");
        assertFalse(workload("exit", 0).batchable());
        ObservedTask<Object> callable = pool.newTask((dev.poolscope.pool.TaskCallable<Object>) () -> 1);
        assertFalse(codec.encode(callable).batchable(), "a callable may do anything");
    }

    @Test
    void frameInput_seesAWholeFrameOnlyWhenAllItsBytesAreBuffered() throws IOException {
        byte[] bytes = {0, 0, 0, 3, 20, 1, 2, 0, 0, 0, 5, 21, 1};
        FrameInput in = new FrameInput(new ByteArrayInputStream(bytes), 64);
        assertFalse(in.hasWholeFrame(), "nothing read into the buffer yet");
        assertEquals(0, in.read()); // fills the buffer with all 13 bytes
        in.skipNBytes(6);
        assertFalse(in.hasWholeFrame(), "the second frame has 2 of its 5 bytes");
        FrameInput two = new FrameInput(new ByteArrayInputStream(bytes), 64);
        two.mark(64);
        two.read();
        two.reset();
        assertTrue(two.hasWholeFrame(), "the first frame's 3 bytes are all there");
    }
}
