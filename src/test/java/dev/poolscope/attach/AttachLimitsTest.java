package dev.poolscope.attach;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Targets that cannot be watched fully: each gives a clear one-line reason, and the target runs on. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AttachLimitsTest {

    @Test
    void disableAttachMechanism_isRefusedAtOnceWithTheFlagNamed() throws Exception {
        try (TargetJvm t = TargetJvm.start(TargetJvm.currentJavaHome(), List.of("-XX:+DisableAttachMechanism"))) {
            long start = System.nanoTime();
            AttachException e = assertThrows(AttachException.class, () -> TargetConnection.open(t.pid()));
            assertTrue(e.getMessage().contains("-XX:+DisableAttachMechanism"), e.getMessage());
            assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(5), "refused without waiting for a time-out");
            LocalJvm listed = LocalJvms.find(t.pid()).orElseThrow();
            assertFalse(listed.attachable());
            assertTrue(listed.reason().contains("DisableAttachMechanism"), listed.reason());
            assertTrue(t.process.isAlive());
        }
    }

    @Test
    void noDynamicAgentLoading_refusesDeepWithTheReason_butBasicWorks() throws Exception {
        try (TargetJvm t = TargetJvm.start(TargetJvm.currentJavaHome(), List.of("-XX:-EnableDynamicAgentLoading"))) {
            TargetConnection c;
            try {
                c = TargetConnection.open(t.pid());
            } catch (AttachException e) {
                assumeTrue(false, "attaching is impossible on this machine: " + e.getMessage());
                return;
            }
            try (c) {
                AttachException e = assertThrows(AttachException.class, () -> DeepProbe.open(c));
                assertTrue(e.getMessage().contains("-XX:-EnableDynamicAgentLoading") && e.getMessage().contains("basic mode works"),
                        e.getMessage());
                List<PoolSample> pools = new BasicProbe(c).read();
                assertTrue(pools.stream().anyMatch(p -> p.threads() == 4 && p.kind().equals(PoolKinds.THREAD_POOL_EXECUTOR)));
            }
            assertTrue(t.process.isAlive());
        }
    }

    @Test
    void jdk17Target_fallsBackToThreadNames_andRefusesDeep() throws Exception {
        Path jdk17 = TargetJvm.jdk17();
        assumeTrue(jdk17 != null, "no JDK 17 on this machine");
        try (TargetJvm t = TargetJvm.start(jdk17, List.of())) {
            TargetConnection c;
            try {
                c = TargetConnection.open(t.pid());
            } catch (AttachException e) {
                assumeTrue(false, "attaching is impossible on this machine: " + e.getMessage());
                return;
            }
            try (c; BasicProbe probe = new BasicProbe(c)) {
                assertEquals(17, c.feature());
                List<PoolSample> pools = probe.read();
                PoolSample work = pools.stream().filter(p -> p.name().equals("threads named work-*")).findFirst()
                        .orElseThrow(() -> new AssertionError(pools.stream().map(PoolSample::name).toList()));
                assertEquals(4, work.threads());
                assertEquals(PoolKinds.THREAD_POOL_EXECUTOR, work.kind());
                assertTrue(probe.limits().stream().anyMatch(l -> l.contains("thread names")));
                AttachException e = assertThrows(AttachException.class, () -> DeepProbe.open(c));
                assertTrue(e.getMessage().contains("basic mode works"), e.getMessage());
            }
            assertTrue(t.process.isAlive());
        }
    }
}
