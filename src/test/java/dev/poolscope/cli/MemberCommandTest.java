package dev.poolscope.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.poolscope.cluster.HazelcastSetup;
import dev.poolscope.engine.ReportJson;
import dev.poolscope.process.ChildJvms;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code poolscope member} started as a user would, in a JVM of its own, and
 * a {@code run --pool cluster --cluster ADDRESS --cluster-name NAME} that
 * joins it: every task runs there, and stopping the member (SIGTERM, as
 * Ctrl-C) leaves no process behind.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS) // a member JVM starts in 1-2.5 s idle, a minute or more on a loaded machine
class MemberCommandTest {
    private static final Pattern UP = Pattern.compile("member (\\S+) of cluster '([^']+)' is up \\(PID (\\d+)");

    @Test
    void memberCommand_startsAMember_thatARunJoinsByAddressAndName_andStopsCleanly() throws Exception {
        String name = "member-test-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Process member = ChildJvms.start(ChildJvms.command(HazelcastSetup.jvmOptions(), "dev.poolscope.Main",
                List.of("member", "--cluster-name", name, "--port", Integer.toString(port), "--threads", "2")));
        try {
            CompletableFuture<Matcher> up = new CompletableFuture<>();
            Thread reader = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(member.getInputStream(), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = r.readLine()) != null) {
                        Matcher m = UP.matcher(line);
                        if (m.find()) {
                            up.complete(m);
                        }
                    }
                    up.completeExceptionally(new AssertionError("member ended without saying it is up"));
                } catch (Exception e) {
                    up.completeExceptionally(e);
                }
            }, "member-output");
            reader.setDaemon(true);
            reader.start();
            Matcher m = up.get(180, TimeUnit.SECONDS);
            String address = m.group(1);
            assertEquals(name, m.group(2));
            assertEquals(member.pid(), Long.parseLong(m.group(3)));
            assertTrue(address.startsWith("127.0.0.1:"), "loopback unless --bind is given: " + address);

            CliTest.Result r = CliTest.run("run", "--pool", "cluster", "--cluster", address, "--cluster-name", name,
                    "--workers", "2", "--workload", "cpu:size=2000", "--tasks", "40", "--json", "-");
            assertEquals(0, r.status(), r.err());
            JsonNode n = ReportJson.mapper().readTree(r.out());
            assertEquals(40, n.get("tasks").get("submitted").asLong());
            assertEquals(40, n.get("tasks").get("succeeded").asLong());
            assertEquals(1, n.get("members").asInt());
            assertEquals(2, n.get("workers").asInt());
            assertTrue(member.isAlive(), "a pool that joined a cluster leaves its members running");
        } finally {
            member.destroy(); // SIGTERM, as Ctrl-C: the member leaves the cluster and its JVM exits
            boolean exited = member.waitFor(60, TimeUnit.SECONDS);
            if (!exited) {
                ChildJvms.kill(member);
            }
            ChildJvms.forget(member);
            assertTrue(exited, "the member stopped on SIGTERM");
        }
        assertTrue(member.descendants().noneMatch(ProcessHandle::isAlive), "no member process is left");
    }
}
