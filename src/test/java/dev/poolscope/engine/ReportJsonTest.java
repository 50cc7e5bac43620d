package dev.poolscope.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.poolscope.workload.WorkloadSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ReportJsonTest {

    @Test
    void report_hasTheFieldsScriptsRead() throws Exception {
        RunSpec spec = RunSpec.of("fixed", 2, WorkloadSpec.parse("failing:p=0.3,millis=0"), 200);
        RunReport r;
        try (Run run = RunEngine.standard().start(spec)) {
            r = run.await(Duration.ofSeconds(30));
        }
        JsonNode n = ReportJson.mapper().readTree(ReportJson.toJson(r));
        for (String f : List.of("pool", "workers", "workload", "tasks", "wallSeconds", "throughputPerSecond",
                "latencyMicros", "waitMicros", "serviceMicros", "workerRestarts", "errors", "samples")) {
            assertTrue(n.has(f), "missing " + f);
        }
        assertEquals("fixed", n.get("pool").asText());
        assertEquals(2, n.get("workers").asInt());
        JsonNode t = n.get("tasks");
        long sum = 0;
        for (String f : List.of("succeeded", "failed", "cancelled", "rejected", "timedOut")) {
            sum += t.get(f).asLong();
        }
        assertEquals(t.get("submitted").asLong(), sum);
        for (String p : List.of("p50", "p90", "p99", "max")) {
            assertTrue(n.get("latencyMicros").has(p));
        }
        JsonNode err = n.get("errors").get(0);
        assertTrue(err.has("type") && err.has("message") && err.has("count"));
        JsonNode sample = n.get("samples").get(0);
        for (String f : List.of("elapsedMillis", "queueDepth", "activeWorkers", "completed", "throughputPerSecond", "p99Micros")) {
            assertTrue(sample.has(f), "sample missing " + f);
        }
        String csv = ReportJson.samplesCsv(r.samples());
        assertTrue(csv.startsWith("elapsedMillis,"));
        assertEquals(r.samples().size() + 1, csv.lines().count());
    }
}
