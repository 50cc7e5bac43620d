package dev.poolscope.cluster;

import dev.poolscope.pool.ClusterTarget;
import dev.poolscope.pool.PoolConfig;
import dev.poolscope.pool.PoolRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import static dev.poolscope.process.ProcessTestSupport.await;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A member killed from outside while its pool starts: the pool does not
 * start, its error names the member and why it ended, and no member process
 * is left.
 */
@Timeout(value = 200, unit = TimeUnit.SECONDS)
class ClusterStartFaultTest {

    @Test
    void aMemberKilledWhileThePoolStarts_isNamedWithItsPidAndSignal_andNoMemberIsLeft() throws Exception {
        AtomicLong killed = new AtomicLong(-1);
        Set<Long> before = ProcessHandle.current().children().map(ProcessHandle::pid).collect(Collectors.toSet());
        Thread killer = new Thread(() -> {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (killed.get() < 0 && System.nanoTime() < deadline) {
                // the pool's member is the one new child process (its command line may be cut short, so not matched)
                Optional<ProcessHandle> member = ProcessHandle.current().children()
                        .filter(h -> !before.contains(h.pid()))
                        .filter(h -> h.info().command().orElse("").endsWith("java")).findFirst(); // its JVM, not the spawn helper
                if (member.isPresent()) {
                    killed.set(member.get().pid());
                    member.get().destroyForcibly(); // SIGKILL, as from outside, before the member is ready
                    return;
                }
                try {
                    Thread.sleep(2); // polling the child processes
                } catch (InterruptedException ie) {
                    return;
                }
            }
        }, "member-killer");
        killer.setDaemon(true);
        killer.start();
        PoolConfig config = PoolConfig.of(1).withCluster(new ClusterTarget(1, List.of(), null));
        RuntimeException e = assertThrows(RuntimeException.class, () -> PoolRegistry.standard().create("cluster", config));
        killer.join(10_000);
        long pid = killed.get();
        assertTrue(pid > 0, "the member was never seen, so never killed");
        String message = String.valueOf(e.getMessage());
        assertTrue(message.contains("PID " + pid) && message.contains("SIGKILL"),
                "the error names the killed member and the signal: " + message);
        assertTrue(!message.contains("did not become ready"), "the member did end, it did not time out: " + message);
        ProcessHandle.of(pid).ifPresent(h -> await("killed member " + pid + " to be gone", Duration.ofSeconds(15),
                () -> !h.isAlive()));
        await("no member process left", Duration.ofSeconds(15), () -> ProcessHandle.current().children()
                .allMatch(h -> before.contains(h.pid())));
    }
}
