package dev.poolscope.cluster;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How a member process that ends before its handshake is reported. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class MemberProcessTest {

    @Test
    void aMemberWhoseOutputEndsJustBeforeItIsKilled_isReportedKilled_notAsNeverReady() throws Exception {
        // its standard output closes first, its death comes a moment later: the order a loaded machine may show
        Process p = new ProcessBuilder("sh", "-c", "exec 1>&-; sleep 0.4; kill -9 $$").start();
        MemberProcess m = MemberProcess.watch(p, "127.0.0.1:5999");
        IOException e = assertThrows(IOException.class, () -> m.awaitReady(20_000));
        String message = e.getMessage();
        assertTrue(message.contains("PID " + p.pid()) && message.contains("127.0.0.1:5999"), message);
        assertTrue(message.contains("was killed by signal 9 (SIGKILL) before it was ready"), message);
        assertFalse(message.contains("did not become ready"), message);
    }
}
