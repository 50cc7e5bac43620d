package dev.poolscope.cluster;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MemberStatusTest {
    /** Hazelcast's data output over a plain stream, for the calls a report makes. */
    private static ObjectDataOutput output(DataOutputStream out) {
        return (ObjectDataOutput) Proxy.newProxyInstance(ObjectDataOutput.class.getClassLoader(),
                new Class<?>[] {ObjectDataOutput.class}, (p, m, a) -> switch (m.getName()) {
                    case "writeLong" -> { out.writeLong((Long) a[0]); yield null; }
                    case "writeInt" -> { out.writeInt((Integer) a[0]); yield null; }
                    default -> throw new UnsupportedOperationException(m.getName());
                });
    }

    private static ObjectDataInput input(byte[] bytes) {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
        return (ObjectDataInput) Proxy.newProxyInstance(ObjectDataInput.class.getClassLoader(),
                new Class<?>[] {ObjectDataInput.class}, (p, m, a) -> switch (m.getName()) {
                    case "readLong" -> in.readLong();
                    case "readInt" -> in.readInt();
                    default -> throw new UnsupportedOperationException(m.getName());
                });
    }

    @Test
    void aReport_readsBackAsWritten() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new MemberStatus(5, 3, List.of(7L, 8L), List.of(70L, 80L), 1234, 99, 4096)
                .writeData(output(new DataOutputStream(bytes)));
        MemberStatus s = new MemberStatus();
        s.readData(input(bytes.toByteArray()));
        assertEquals(3, s.queued());
        assertEquals(List.of(7L, 8L), s.running());
        assertEquals(List.of(70L, 80L), s.runningSince());
    }

    @Test
    void aReportListingBillionsOfRunningTasks_isRefusedBeforeAnythingIsAllocated() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeLong(5);
        out.writeLong(3);
        out.writeInt(Integer.MAX_VALUE);
        IOException e = assertThrows(IOException.class, () -> new MemberStatus().readData(input(bytes.toByteArray())));
        assertTrue(e.getMessage().contains(Integer.MAX_VALUE + " running tasks") && e.getMessage().contains("at most"),
                e.getMessage());
    }
}
