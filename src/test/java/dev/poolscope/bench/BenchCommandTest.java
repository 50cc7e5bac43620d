package dev.poolscope.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.poolscope.cli.PoolScopeCli;
import dev.poolscope.pool.PoolRegistry;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code poolscope bench --quick} with tiny sizes: the JSON document's shape and
 * sane values. Never asserts a speed: the figures of a tiny run on a shared
 * machine mean nothing, only that each section ran and reported positive rates.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class BenchCommandTest {
    private static JsonNode doc;

    @BeforeAll
    static void runTinyBenchOnce() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = PoolScopeCli.execute(new String[]{"bench", "--quick", "--tiny", "--quiet", "--json", "-"},
                new PrintWriter(out, true), new PrintWriter(err, true));
        assertEquals(0, status, err.toString());
        doc = new ObjectMapper().readTree(out.toString());
    }

    @Test
    void json_readsBackIntoTheReportRecord() throws Exception {
        BenchReport report = new ObjectMapper().treeToValue(doc, BenchReport.class);
        assertEquals(doc, new ObjectMapper().readTree(report.toJson()));
    }

    @Test
    void json_hasEverySection_andNoErrors() {
        for (String field : List.of("machine", "mode", "overhead", "processRoundTrip", "workerStartupMillis", "scaling",
                "python", "heap", "targets", "errors", "sectionSeconds", "elapsedSeconds")) {
            assertTrue(doc.has(field), "missing " + field + " in " + doc);
        }
        assertEquals("tiny", doc.get("mode").asText());
        assertEquals(0, doc.get("errors").size(), doc.get("errors").toString());
        assertTrue(doc.get("machine").get("cores").asInt() >= 1);
    }

    @Test
    void overhead_coversEveryThreadKind_withPositiveRates() {
        JsonNode overhead = doc.get("overhead");
        List<String> threadKinds = PoolRegistry.standard().kinds().stream()
                .filter(k -> !k.usesProcesses()).map(k -> k.name()).toList();
        assertEquals(threadKinds.size() * 2, overhead.size(), overhead.toString());
        for (JsonNode row : overhead) {
            for (String field : List.of("pool", "task", "barePerSecond", "observedPerSecond", "ratio", "addedNanosPerTask")) {
                assertTrue(row.has(field), "missing " + field + " in " + row);
            }
            assertTrue(threadKinds.contains(row.get("pool").asText()), row.toString());
            assertTrue(List.of("noop", "cpu10us").contains(row.get("task").asText()), row.toString());
            assertTrue(row.get("barePerSecond").asDouble() > 0, row.toString());
            assertTrue(row.get("observedPerSecond").asDouble() > 0, row.toString());
            assertTrue(row.get("ratio").asDouble() > 0, row.toString());
        }
    }

    @Test
    void processRoundTrip_measuresThePipe_andThePoolWhenPresent() {
        JsonNode rt = doc.get("processRoundTrip");
        assertTrue(rt.get("pipeMicrosP50").asDouble() > 0, rt.toString());
        assertTrue(rt.get("pipelined").get("pipePerSecond").asDouble() > 0, rt.toString());
        assertEquals("spin-then-park", rt.get("pipeWakeup").asText(), "the raw sides wait as the pool's do");
        for (String field : List.of("poolMicrosP50", "poolMicrosP99", "ratio")) {
            assertTrue(rt.has(field), "missing " + field + " in " + rt);
        }
        assertTrue(rt.get("pipelined").has("poolPerSecond"));
        assertTrue(rt.get("pipelined").has("ratio"));
        boolean hasProcess = PoolRegistry.standard().find(ProcessPoolBench.KIND).isPresent();
        if (hasProcess) {
            assertTrue(rt.get("poolMicrosP50").asDouble() > 0, rt.toString());
            assertTrue(rt.get("pipelined").get("poolPerSecond").asDouble() > 0, rt.toString());
            assertTrue(doc.get("workerStartupMillis").get("p50").asDouble() > 0);
        } else {
            assertTrue(rt.get("poolMicrosP50").isNull());
            assertFalse(rt.get("reason").asText().isBlank());
        }
        JsonNode st = doc.get("workerStartupMillis");
        assertTrue(st.has("p50") && st.has("max"), st.toString());
        assertTrue(st.get("rawJvmP50").asDouble() > 0, st.toString());
    }

    @Test
    void scaling_coversEveryKind() {
        JsonNode scaling = doc.get("scaling");
        // the cluster kind's scaling is in the cluster section (members of one thread each)
        assertEquals(PoolRegistry.standard().kinds().stream().filter(k -> !k.name().equals("cluster")).count(),
                scaling.size(), scaling.toString());
        for (JsonNode row : scaling) {
            assertTrue(row.has("pool") && row.has("workers") && row.has("speedup"), row.toString());
            assertTrue(row.get("speedup").asDouble() > 0, row.toString());
        }
    }

    @Test
    void python_isFiguresWithRatios_orNullWithAReason() {
        JsonNode py = doc.get("python");
        if (PythonBench.findPython().isEmpty()) {
            assertTrue(py.isNull());
            assertFalse(doc.get("pythonReason").asText().isBlank());
            return;
        }
        assertEquals(6, py.get("results").size(), py.toString());
        for (JsonNode r : py.get("results")) {
            assertTrue(r.has("runner") && r.has("task"), r.toString());
            assertTrue(r.get("perSecond").asDouble() > 0, r.toString());
        }
        assertTrue(py.get("ratios").size() >= 2, py.toString());
        for (JsonNode r : py.get("ratios")) {
            assertTrue(r.get("ratio").asDouble() > 0, r.toString());
        }
    }

    @Test
    void heapCheck_completesInItsLimit_andTargetsSayWhatHolds() {
        JsonNode heap = doc.get("heap");
        assertTrue(heap.get("completed").asBoolean(), heap.toString());
        assertEquals(heap.get("tasks").asLong(), heap.get("succeeded").asLong());
        assertTrue(heap.get("peakUsedMB").asDouble() > 0);
        JsonNode targets = doc.get("targets");
        assertTrue(targets.size() >= 10, targets.toString());
        for (JsonNode t : targets) {
            assertTrue(t.has("name") && t.has("target") && t.has("measured") && t.has("holds"), t.toString());
        }
    }
}
