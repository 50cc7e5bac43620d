package dev.poolscope.cluster;

import com.hazelcast.nio.serialization.DataSerializableFactory;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;

/** Makes the envelope and report types for Hazelcast's {@link IdentifiedDataSerializable} form; every member and pool registers it. */
final class EnvelopeFactory implements DataSerializableFactory {
    /** The factory id (any positive number unique in the cluster). */
    static final int ID = 0x5053; // "PS"
    static final int TASK = 1;
    static final int RESULT = 2;
    static final int REPORT = 3;
    static final int STATUS = 4;

    @Override
    public IdentifiedDataSerializable create(int typeId) {
        return switch (typeId) {
            case TASK -> new TaskEnvelope();
            case RESULT -> new EnvelopeResult();
            case REPORT -> new MemberReport();
            case STATUS -> new MemberStatus();
            default -> null;
        };
    }
}
