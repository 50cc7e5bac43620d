package dev.poolscope.pool;

import dev.poolscope.cluster.ClusterWorkerPool;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One Hazelcast member JVM shared by the contract tests of one test class:
 * each test's {@code cluster} pool joins it ({@code --cluster ADDRESS
 * --cluster-name NAME}) with an executor of its own, so a test costs a
 * client connection rather than a member start. The member is started by a
 * host cluster pool and stopped with it; none is left after the class.
 */
final class SharedMembers {
    private static ClusterWorkerPool host;
    private static List<ProcessHandle> processes = List.of();

    private SharedMembers() {
    }

    /** Starts the shared member (once per class; call from {@code @BeforeAll}). */
    static synchronized void start() {
        if (host == null) {
            host = (ClusterWorkerPool) PoolRegistry.standard().create("cluster",
                    PoolConfig.of(1).withCluster(new ClusterTarget(1, List.of(), null)));
            processes = host.memberProcesses();
        }
    }

    /** Where a test's cluster pool goes: the shared member's cluster. */
    static synchronized ClusterTarget target() {
        if (host == null) {
            throw new IllegalStateException("SharedMembers.start() was not called for this class");
        }
        return new ClusterTarget(0, host.memberAddresses(), host.clusterName());
    }

    /** Stops the shared member and checks its process is gone (call from {@code @AfterAll}). */
    static synchronized void stop() throws InterruptedException {
        if (host == null) {
            return;
        }
        host.shutdownNow();
        assertTrue(host.awaitTermination(30, TimeUnit.SECONDS), "host pool did not terminate: " + host);
        for (ProcessHandle h : processes) {
            Pools.waitUntil(Duration.ofSeconds(15), () -> !h.isAlive(), () -> "member " + h.pid() + " still alive");
        }
        host = null;
    }
}
