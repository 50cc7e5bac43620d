package dev.poolscope.process;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.InvalidClassException;
import java.io.ObjectInputFilter;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The frame layer and value encoding on their own, without processes. */
@Timeout(30)
class ProtocolTest {
    private static final ObjectInputFilter FILTER = SerialFilter.create(List.of());

    private static Object roundTrip(Object v) throws Exception {
        FrameBuffer out = new FrameBuffer(16);
        WireValues.put(out, v);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        out.writeFrame(new DataOutputStream(bytes), Frames.RESULT);
        FrameBuffer in = new FrameBuffer(16);
        assertEquals(Frames.RESULT, in.readFrame(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())), Frames.MAX_FRAME));
        Object back = WireValues.get(in, FILTER);
        in.expectEnd();
        return back;
    }

    @Test
    void values_roundTrip_compactAndSerialized() throws Exception {
        for (Object v : Arrays.asList(null, 42, -7L, 2.5, true, "héllo", List.of(1, 2), Map.of("a", 1),
                new ArrayList<>(List.of(1, 2, 3)), new ArrayList<>(List.of(1L, 2L)), new ArrayList<>(List.of(0.5, 1.5)),
                new ArrayList<>(Arrays.asList(1, null, 3)), new ArrayList<>(List.of(1, "x")))) {
            assertEquals(v, roundTrip(v));
        }
        assertArrayEquals(new byte[] {1, 2, 3}, (byte[]) roundTrip(new byte[] {1, 2, 3}));
    }

    @Test
    void classOutsideAllowList_isRefused_andNamed() {
        InvalidClassException e = assertThrows(InvalidClassException.class, () -> roundTrip(URI.create("https://x.org")));
        assertTrue(e.getMessage().startsWith("java.net.URI; refused by the serialization allow-list"), e.getMessage());
    }

    @Test
    void lambdaOfAnAllowedClass_isAllowed_otherwiseRefusedByItsWritersName() throws Exception {
        byte[] data = WireValues.serialize(org.example.jobs.Jobs.answer());
        Object back = WireValues.deserialize(data, SerialFilter.create(List.of("org.example.jobs.Jobs")));
        assertEquals(42, ((java.util.concurrent.Callable<?>) back).call());
        InvalidClassException e = assertThrows(InvalidClassException.class, () -> WireValues.deserialize(data, FILTER));
        assertTrue(e.getMessage().contains("refused by the serialization allow-list"), e.getMessage());
    }

    @Test
    void badLength_truncatedFrame_andTrailingBytes_areProtocolErrors() throws Exception {
        FrameBuffer b = new FrameBuffer(16);
        assertThrows(ProtocolException.class, () -> b.readFrame(stream(0, 0, 0, 0), Frames.MAX_FRAME));
        assertThrows(ProtocolException.class, () -> b.readFrame(stream(0x7f, 0, 0, 0), Frames.MAX_FRAME));
        assertThrows(ProtocolException.class, () -> b.readFrame(stream(0, 0, 0, 9, 20, 1), Frames.MAX_FRAME));
        assertThrows(EOFException.class, () -> b.readFrame(stream(), Frames.MAX_FRAME));
        assertEquals(20, b.readFrame(stream(0, 0, 0, 3, 20, 1, 2), Frames.MAX_FRAME));
        b.getByte();
        assertThrows(ProtocolException.class, b::expectEnd);
        assertThrows(ProtocolException.class, b::getLong);
    }

    @Test
    void oversizedPayload_isRefusedBeforeSending() {
        FrameBuffer b = new FrameBuffer(16);
        assertInstanceOf(RuntimeException.class, assertThrows(FrameBuffer.FrameTooLargeException.class,
                () -> b.putBytes(new byte[16], 0, 16).putBytes(new byte[Frames.MAX_FRAME], 0, Frames.MAX_FRAME)));
    }

    @Test
    void exitDescriptions_nameSignals() {
        assertEquals("exit code 3", ExitStatus.describe(3));
        assertEquals("killed by signal 9 (SIGKILL) (exit code 137)", ExitStatus.describe(137));
        assertEquals("killed by signal 15 (SIGTERM) (exit code 143)", ExitStatus.describe(143));
    }

    private static DataInputStream stream(int... bytes) {
        byte[] b = new byte[bytes.length];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) bytes[i];
        }
        return new DataInputStream(new ByteArrayInputStream(b));
    }
}
