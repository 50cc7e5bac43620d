package dev.poolscope.process;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.poolscope.cli.PoolScopeCli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code poolscope run --pool process}: the "done when" run, its JSON, and the process options. */
@Timeout(180)
class ProcessRunCliTest {

    private record Result(int status, String out, String err) {
    }

    private static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = PoolScopeCli.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(status, out.toString(), err.toString());
    }

    @Test
    void crashRun_accountsForEveryTask_andReportsRestartsAndWorkerDetails() throws Exception {
        Result r = run("run", "--pool", "process", "--workers", "2", "--workload", "crash:p=0.05,millis=0",
                "--tasks", "200", "--json", "-");
        assertEquals(0, r.status(), r.err());
        JsonNode j = new ObjectMapper().readTree(r.out());
        JsonNode t = j.get("tasks");
        long failed = t.get("failed").asLong();
        assertEquals(200, t.get("submitted").asLong());
        assertEquals(200, t.get("succeeded").asLong() + failed);
        assertTrue(failed > 0, "some tasks crashed their worker");
        assertEquals(failed, j.get("workerRestarts").asLong());
        assertTrue(j.get("errors").get(0).get("message").asText().matches("worker \\d+ \\(pid \\d+\\) died while running task \\d+: exit code 3"),
                j.get("errors").toString());
        JsonNode details = j.get("workerDetails");
        assertEquals(2, details.size());
        long restarts = 0;
        for (JsonNode d : details) {
            assertTrue(d.get("pid").asLong() > 0);
            assertTrue(d.get("tasks").asLong() > 0);
            assertTrue(d.get("startupMillis").size() >= 1);
            assertEquals(d.get("restarts").asInt(), d.get("exitReasons").size());
            restarts += d.get("restarts").asLong();
        }
        assertEquals(failed, restarts);
        ProcessTestSupport.assertNoChildren();
    }

    @Test
    void processOptions_reachThePool() throws Exception {
        Result r = run("run", "--pool", "process", "--workers", "1", "--workload", "noop", "--tasks", "12",
                "--max-tasks-per-worker", "5", "--worker-jvm-option", "-Xmx64m", "--worker-jvm-option", "-Xss1m",
                "--json", "-");
        assertEquals(0, r.status(), r.err());
        JsonNode d = new ObjectMapper().readTree(r.out()).get("workerDetails").get(0);
        assertEquals(12, d.get("tasks").asLong());
        assertTrue(d.get("restarts").asInt() >= 2, d.toString());
        assertTrue(d.get("exitReasons").get(0).asText().startsWith("recycled after 5 tasks"), d.toString());
        ProcessTestSupport.assertNoChildren();
    }

    @Test
    void badWorkerJvmOption_exits2_withTheWorkersError() {
        Result r = run("run", "--pool", "process", "--workers", "1", "--workload", "noop", "--tasks", "1",
                "--worker-jvm-option", "-XX:+NoSuchOptionAtAll");
        assertEquals(2, r.status(), r.err());
        assertTrue(r.err().contains("Unrecognized VM option 'NoSuchOptionAtAll'"), r.err());
        assertEquals(1, r.err().strip().lines().count(), "one line: " + r.err());
        ProcessTestSupport.assertNoChildren();
    }

    @Test
    void negativeMaxTasksPerWorker_exits2() {
        Result r = run("run", "--pool", "process", "--workload", "noop", "--max-tasks-per-worker", "-1");
        assertEquals(2, r.status(), r.err());
        assertTrue(r.err().contains("--max-tasks-per-worker"), r.err());
    }

    @Test
    void faultWorkload_onThreadPool_isRefused() {
        Result r = run("run", "--pool", "fixed", "--workload", "crash", "--tasks", "1");
        assertEquals(2, r.status(), r.err());
    }
}
