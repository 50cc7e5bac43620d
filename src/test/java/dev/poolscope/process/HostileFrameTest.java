package dev.poolscope.process;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.InvalidClassException;
import java.nio.ByteBuffer;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Forged bytes on the wire cost one task and a clear error, never the parent's memory. No processes. */
@Timeout(10)
class HostileFrameTest {

    /** A serialized long[] whose length field claims about 2^31 elements: 16 GiB if believed. */
    private static byte[] hugeArrayClaim() throws Exception {
        byte[] data = WireValues.serialize(new long[4]);
        ByteBuffer b = ByteBuffer.wrap(data);
        int at = data.length - 4 * 8 - 4; // the int length sits just before the elements
        assertEquals(4, b.getInt(at));
        b.putInt(at, Integer.MAX_VALUE - 8);
        return data;
    }

    @Test
    void resultClaimingAHugeArray_isRefusedBeforeAllocation() throws Exception {
        byte[] forged = hugeArrayClaim();
        InvalidClassException e = assertThrows(InvalidClassException.class,
                () -> WireValues.deserialize(forged, SerialFilter.forResults(List.of())));
        assertTrue(e.getMessage().contains("an array of"), e.getMessage());
    }

    @Test
    void forgedResultFrame_failsOnlyItsTask() throws Exception {
        FrameBuffer frame = new FrameBuffer(256).putLong(7).putLong(1000).putByte(7).putBlob(hugeArrayClaim());
        FrameBuffer in = readBack(frame, Frames.RESULT);
        TaskCodec.Reply r = new TaskCodec(SerialFilter.forResults(List.of())).decode(Frames.RESULT, in, 0, 1);
        assertEquals(7, r.taskId());
        assertNotNull(r.failure());
        assertTrue(r.failure().getMessage().contains("could not read the task's result"), r.failure().getMessage());
    }

    @Test
    void resultFilter_refusesLambdas_thatTheTaskFilterAllows() throws Exception {
        byte[] lambda = WireValues.serialize((dev.poolscope.pool.TaskCallable<Integer>) () -> 1);
        assertNotNull(WireValues.deserialize(lambda, SerialFilter.create(List.of())));
        assertThrows(InvalidClassException.class, () -> WireValues.deserialize(lambda, SerialFilter.forResults(List.of())));
    }

    @Test
    void taskException_ofAJdkClass_passesTheResultFilter() throws Exception {
        byte[] io = WireValues.serialize(new java.io.UncheckedIOException(new java.io.IOException("x")));
        assertInstanceOf(java.io.UncheckedIOException.class, WireValues.deserialize(io, SerialFilter.forResults(List.of())));
    }

    private static FrameBuffer readBack(FrameBuffer payload, int type) throws Exception {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        payload.writeFrame(new java.io.DataOutputStream(bytes), type);
        FrameBuffer in = new FrameBuffer(256);
        assertEquals(type, in.readFrame(new java.io.DataInputStream(new java.io.ByteArrayInputStream(bytes.toByteArray())),
                Frames.MAX_FRAME));
        return in;
    }
}
