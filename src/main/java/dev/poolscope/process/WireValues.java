package dev.poolscope.process;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.NotSerializableException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;

/**
 * How task results travel: common small types in a compact tagged form,
 * anything else by Java serialization (read back through a {@link SerialFilter}).
 *
 * <pre>
 *   tag 0 null | 1 int | 2 long | 3 double | 4 boolean | 5 String | 6 byte[] | 7 serialized object
 *       8 / 9 / 10: a java.util.List whose elements are all Integer / Long / Double (count, then values),
 *       read back as an ArrayList (what chunked map returns)
 * </pre>
 */
final class WireValues {
    private static final int NULL = 0;
    private static final int INT = 1;
    private static final int LONG = 2;
    private static final int DOUBLE = 3;
    private static final int BOOLEAN = 4;
    private static final int STRING = 5;
    private static final int BYTES = 6;
    private static final int OBJECT = 7;
    private static final int INT_LIST = 8;
    private static final int LONG_LIST = 9;
    private static final int DOUBLE_LIST = 10;

    private WireValues() {
    }

    /**
     * Appends a value.
     *
     * @throws NotSerializableException if it is neither a compact type nor serializable
     * @throws FrameBuffer.FrameTooLargeException if it does not fit in a frame
     */
    static void put(FrameBuffer b, Object v) throws IOException {
        switch (v) {
            case null -> b.putByte(NULL);
            case Integer i -> b.putByte(INT).putInt(i);
            case Long l -> b.putByte(LONG).putLong(l);
            case Double d -> b.putByte(DOUBLE).putDouble(d);
            case Boolean z -> b.putByte(BOOLEAN).putByte(z ? 1 : 0);
            case String s -> b.putByte(STRING).putString(s);
            case byte[] bytes -> b.putByte(BYTES).putBlob(bytes);
            case java.util.ArrayList<?> list when putNumberList(b, list) -> {
            }
            default -> b.putByte(OBJECT).putBlob(serialize(v));
        }
    }

    /** Writes a list of all-Integer, all-Long or all-Double elements compactly; false (nothing written) otherwise. */
    private static boolean putNumberList(FrameBuffer b, java.util.List<?> list) {
        int n = list.size();
        if (n == 0) {
            return false;
        }
        Class<?> type = list.get(0) == null ? null : list.get(0).getClass();
        if (type != Integer.class && type != Long.class && type != Double.class) {
            return false;
        }
        for (int i = 1; i < n; i++) {
            Object e = list.get(i);
            if (e == null || e.getClass() != type) {
                return false;
            }
        }
        if (type == Integer.class) {
            b.putByte(INT_LIST).putInt(n);
            for (int i = 0; i < n; i++) {
                b.putInt((Integer) list.get(i));
            }
        } else if (type == Long.class) {
            b.putByte(LONG_LIST).putInt(n);
            for (int i = 0; i < n; i++) {
                b.putLong((Long) list.get(i));
            }
        } else {
            b.putByte(DOUBLE_LIST).putInt(n);
            for (int i = 0; i < n; i++) {
                b.putDouble((Double) list.get(i));
            }
        }
        return true;
    }

    /** Reads a value written by {@link #put}. */
    static Object get(FrameBuffer b, ObjectInputFilter filter) throws IOException, ClassNotFoundException {
        int tag = b.getByte();
        return switch (tag) {
            case NULL -> null;
            case INT -> b.getInt();
            case LONG -> b.getLong();
            case DOUBLE -> b.getDouble();
            case BOOLEAN -> b.getByte() != 0;
            case STRING -> b.getString();
            case BYTES -> b.getBlob();
            case OBJECT -> deserialize(b.getBlob(), filter);
            case INT_LIST, LONG_LIST, DOUBLE_LIST -> {
                int n = b.getInt();
                if (n < 0) {
                    throw new ProtocolException("negative list length " + n);
                }
                java.util.ArrayList<Object> list = new java.util.ArrayList<>(Math.min(n, 1 << 20));
                for (int i = 0; i < n; i++) {
                    list.add(tag == INT_LIST ? (Object) b.getInt() : tag == LONG_LIST ? (Object) b.getLong() : (Object) b.getDouble());
                }
                yield list;
            }
            default -> throw new ProtocolException("unknown value tag " + tag);
        };
    }

    /**
     * Serializes an object.
     *
     * @throws NotSerializableException naming the class that is not serializable
     */
    static byte[] serialize(Object o) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(o);
        }
        return bytes.toByteArray();
    }

    /**
     * Deserializes through the filter.
     *
     * @throws InvalidClassException if the filter refuses a class
     */
    static Object deserialize(byte[] data, ObjectInputFilter filter) throws IOException, ClassNotFoundException {
        String[] refused = new String[1];
        long maxCount = data.length; // an array element or a reference takes at least one byte of the stream
        ObjectInputFilter recording = info -> {
            ObjectInputFilter.Status st = info.arrayLength() > maxCount || info.references() > maxCount
                    || info.streamBytes() > maxCount ? ObjectInputFilter.Status.REJECTED : filter.checkInput(info);
            if (st == ObjectInputFilter.Status.REJECTED && refused[0] == null) {
                refused[0] = info.arrayLength() > maxCount
                        ? "an array of " + info.arrayLength() + " elements in a stream of " + maxCount + " bytes"
                        : info.serialClass() != null && info.depth() <= SerialFilter.MAX_RESULT_DEPTH
                        ? info.serialClass().getName()
                        : "a stream limit (depth " + info.depth() + ", references " + info.references()
                        + ", bytes " + info.streamBytes() + ")";
            }
            return st;
        };
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(data))) {
            in.setObjectInputFilter(recording);
            return in.readObject();
        } catch (InvalidClassException e) {
            if (refused[0] == null) {
                throw e;
            }
            InvalidClassException named = new InvalidClassException(refused[0],
                    "refused by the serialization allow-list; allow it with the system property "
                            + SerialFilter.PROPERTY + " or ProcessPoolSettings.serialFilterPatterns");
            named.initCause(e);
            throw named;
        }
    }
}
