package dev.poolscope.process;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growable byte buffer that builds one frame's payload and parses a
 * received one. Not thread-safe: each reader and each writer owns one.
 *
 * <h2>Frame layout</h2>
 * <pre>
 *   int    length   bytes that follow (type + payload), 1..{@link Frames#MAX_FRAME}
 *   byte   type     one of {@link Frames}' constants
 *   byte[] payload  length - 1 bytes, read with the get methods in the order they were put
 * </pre>
 * Strings are an {@code int} byte count and UTF-8 bytes; a count of -1 is null.
 */
final class FrameBuffer {
    private byte[] buf;
    private int limit;
    private int pos;
    /** A frame's length and type, written ahead of its payload in one call. */
    private final byte[] header = new byte[5];

    FrameBuffer(int initialCapacity) {
        buf = new byte[Math.max(16, initialCapacity)];
    }

    /** Empties the buffer for building a new payload. */
    FrameBuffer clear() {
        if (buf.length > (1 << 20)) {
            buf = new byte[4096]; // do not keep a huge buffer after one big frame
        }
        limit = 0;
        pos = 0;
        return this;
    }

    int size() {
        return limit;
    }

    private void ensure(int more) {
        long need = (long) limit + more;
        if (need > Frames.MAX_FRAME) {
            throw new FrameTooLargeException(need);
        }
        if (need > buf.length) {
            buf = Arrays.copyOf(buf, (int) Math.min(Frames.MAX_FRAME + 8L, Math.max(need, buf.length * 2L)));
        }
    }

    FrameBuffer putByte(int v) {
        ensure(1);
        buf[limit++] = (byte) v;
        return this;
    }

    FrameBuffer putInt(int v) {
        ensure(4);
        putInt(buf, limit, v);
        limit += 4;
        return this;
    }

    /** Writes {@code v} big-endian into {@code b} at {@code at}, as the frames carry numbers. */
    static void putInt(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 24);
        b[at + 1] = (byte) (v >>> 16);
        b[at + 2] = (byte) (v >>> 8);
        b[at + 3] = (byte) v;
    }

    /** Writes {@code v} big-endian into {@code b} at {@code at}. */
    static void putLong(byte[] b, int at, long v) {
        putInt(b, at, (int) (v >>> 32));
        putInt(b, at + 4, (int) v);
    }

    FrameBuffer putLong(long v) {
        putInt((int) (v >>> 32));
        return putInt((int) v);
    }

    FrameBuffer putDouble(double v) {
        return putLong(Double.doubleToRawLongBits(v));
    }

    FrameBuffer putString(String s) {
        if (s == null) {
            return putInt(-1);
        }
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        putInt(b.length);
        return putBytes(b, 0, b.length);
    }

    FrameBuffer putBytes(byte[] b, int off, int len) {
        ensure(len);
        System.arraycopy(b, off, buf, limit, len);
        limit += len;
        return this;
    }

    /** A copy of the payload built so far. */
    byte[] toByteArray() {
        return Arrays.copyOf(buf, limit);
    }

    /** Puts a byte array as an int count and the bytes. */
    FrameBuffer putBlob(byte[] b) {
        putInt(b.length);
        return putBytes(b, 0, b.length);
    }

    /** Writes {@code [length][type][payload]} to {@code out} (not flushed). */
    void writeFrame(DataOutputStream out, int type) throws IOException {
        putInt(header, 0, limit + 1);
        header[4] = (byte) type;
        out.write(header, 0, 5);
        out.write(buf, 0, limit);
    }

    /**
     * Reads one frame's type and payload into this buffer.
     *
     * @return the frame type
     * @throws EOFException at a clean end of input (before a length)
     * @throws ProtocolException for a length outside 1..{@code maxFrame}, or input ending inside a frame
     */
    int readFrame(DataInputStream in, int maxFrame) throws IOException {
        int length;
        try {
            length = in.readInt();
        } catch (EOFException e) {
            throw e;
        }
        if (length < 1 || length > maxFrame) {
            throw new ProtocolException("bad frame length " + length + " (allowed 1.." + maxFrame + ")");
        }
        int type;
        try {
            type = in.readUnsignedByte();
            int n = length - 1;
            clear();
            ensure(n);
            in.readFully(buf, 0, n);
            limit = n;
        } catch (EOFException e) {
            throw new ProtocolException("input ended inside a frame of " + length + " bytes");
        }
        return type;
    }

    private void need(int n) throws ProtocolException {
        if (pos + n > limit) {
            throw new ProtocolException("frame payload too short: wanted " + n + " more bytes at " + pos
                    + " of " + limit);
        }
    }

    int getByte() throws ProtocolException {
        need(1);
        return buf[pos++] & 0xff;
    }

    int getInt() throws ProtocolException {
        need(4);
        int v = ((buf[pos] & 0xff) << 24) | ((buf[pos + 1] & 0xff) << 16) | ((buf[pos + 2] & 0xff) << 8)
                | (buf[pos + 3] & 0xff);
        pos += 4;
        return v;
    }

    long getLong() throws ProtocolException {
        long hi = getInt() & 0xffffffffL;
        long lo = getInt() & 0xffffffffL;
        return (hi << 32) | lo;
    }

    double getDouble() throws ProtocolException {
        return Double.longBitsToDouble(getLong());
    }

    String getString() throws ProtocolException {
        int n = getInt();
        if (n == -1) {
            return null;
        }
        if (n < 0) {
            throw new ProtocolException("negative string length " + n);
        }
        need(n);
        String s = new String(buf, pos, n, StandardCharsets.UTF_8);
        pos += n;
        return s;
    }

    byte[] getBlob() throws ProtocolException {
        int n = getInt();
        if (n < 0) {
            throw new ProtocolException("negative blob length " + n);
        }
        need(n);
        byte[] b = Arrays.copyOfRange(buf, pos, pos + n);
        pos += n;
        return b;
    }

    /** Throws unless the whole payload was read: a frame with trailing bytes is malformed. */
    /**
     * True if the unread bytes, except the last {@code tail}, are exactly
     * {@code other}; reads nothing.
     */
    boolean restMatches(byte[] other, int tail) {
        int n = limit - pos - tail;
        return other != null && n == other.length && java.util.Arrays.equals(buf, pos, pos + n, other, 0, n);
    }

    /** A copy of the unread bytes except the last {@code tail}; reads nothing. */
    byte[] rest(int tail) {
        return java.util.Arrays.copyOfRange(buf, pos, Math.max(pos, limit - tail));
    }

    /** Skips {@code n} unread bytes. */
    void skip(int n) throws ProtocolException {
        need(n);
        pos += n;
    }

    void expectEnd() throws ProtocolException {
        if (pos != limit) {
            throw new ProtocolException("frame has " + (limit - pos) + " unexpected trailing bytes");
        }
    }

    /** Thrown when a payload would exceed {@link Frames#MAX_FRAME}. */
    static final class FrameTooLargeException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        FrameTooLargeException(long bytes) {
            super("frame of " + bytes + " bytes exceeds the limit of " + Frames.MAX_FRAME + " bytes");
        }
    }
}
