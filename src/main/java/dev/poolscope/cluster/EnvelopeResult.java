package dev.poolscope.cluster;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;

import java.io.IOException;
import java.util.UUID;

/**
 * What a {@link TaskEnvelope} returns from its member: the task's result
 * (null if it failed) or its own exception, when it began and ended there
 * (the member's {@link System#nanoTime()}), the member's UUID and the member
 * thread that ran it.
 */
final class EnvelopeResult implements IdentifiedDataSerializable {
    private Object value;
    private Throwable failure;
    private long startNanos;
    private long endNanos;
    private UUID member;
    private String thread;

    /** For deserialization. */
    EnvelopeResult() {
    }

    EnvelopeResult(Object value, Throwable failure, long startNanos, long endNanos, UUID member, String thread) {
        this.value = value;
        this.failure = failure;
        this.startNanos = startNanos;
        this.endNanos = endNanos;
        this.member = member;
        this.thread = thread;
    }

    Object value() { return value; }
    Throwable failure() { return failure; }
    long startNanos() { return startNanos; }
    long endNanos() { return endNanos; }
    UUID member() { return member; }
    String thread() { return thread; }

    @Override
    public int getFactoryId() {
        return EnvelopeFactory.ID;
    }

    @Override
    public int getClassId() {
        return EnvelopeFactory.RESULT;
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        out.writeObject(value);
        out.writeObject(failure);
        out.writeLong(startNanos);
        out.writeLong(endNanos);
        out.writeLong(member.getMostSignificantBits());
        out.writeLong(member.getLeastSignificantBits());
        out.writeString(thread);
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        value = in.readObject();
        failure = in.readObject();
        startNanos = in.readLong();
        endNanos = in.readLong();
        member = new UUID(in.readLong(), in.readLong());
        thread = in.readString();
    }
}
