package dev.poolscope.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.poolscope.engine.ReportJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code lessons check} on small lessons of a teacher's own (tiny runs; the claims are about counts, not timing). */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LessonsCheckCommandTest {

    private static String lesson(String id, String claim) {
        return """
                {"id": "%s", "title": "Counting", "explanation": "e", "lookFor": ["l"], "question": "q",
                 "answer": "A ran {A.succeeded} tasks, B {B.succeeded}.",
                 "presets": [
                   {"label": "one worker", "pool": "fixed", "workers": 1, "workload": "noop", "tasks": 50},
                   {"label": "a worker per core", "pool": "fixed", "workers": "cores", "workload": "noop", "tasks": 80}],
                 "claims": [%s]}
                """.formatted(id, claim);
    }

    @Test
    void heldClaims_exit0_andTheJsonDocumentHasTheIssuesFields(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("count.json"), lesson("count", """
                {"text": "B ran more tasks than A ({B.succeeded} against {A.succeeded})", "figure": "B.succeeded", "is": "greaterThan", "than": "A.succeeded"},
                {"text": "A rejects nothing", "figure": "A.rejected", "is": "atMost", "value": 0}"""));
        CliTest.Result r = CliTest.run("lessons", "check", "count", "--dir", dir.toString(), "--json", "-");
        assertEquals(0, r.status(), r.err());
        JsonNode doc = ReportJson.mapper().readTree(r.out());
        JsonNode l = doc.get("lessons").get(0);
        assertEquals("count", l.get("id").asText());
        assertEquals("Counting", l.get("title").asText());
        JsonNode run = l.get("runs").get(1);
        for (String f : List.of("label", "pool", "workers", "workload", "tasks", "throughputPerSecond", "latencyMicros",
                "waitMicros", "serviceMicros", "tasksOutcome")) {
            assertTrue(run.has(f), f + " in " + run);
        }
        assertEquals(Runtime.getRuntime().availableProcessors(), run.get("workers").asInt());
        assertEquals(80, run.get("tasksOutcome").get("succeeded").asLong());
        JsonNode claim = l.get("claims").get(0);
        assertEquals("B ran more tasks than A (80 against 50)", claim.get("claim").asText());
        assertTrue(claim.get("held").asBoolean());
        assertEquals(80.0, claim.get("figures").get("B.succeeded").asDouble());
        assertEquals(50.0, claim.get("figures").get("A.succeeded").asDouble());
        assertEquals("A ran 50 tasks, B 80.", l.get("answer").asText());
        assertTrue(r.err().contains("held"), "the text report goes to stderr when stdout is the JSON: " + r.err());
    }

    @Test
    void aClaimThatDoesNotHold_exits3_andSaysWhatTheEngineSaw(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("count.json"), lesson("count", """
                {"text": "A ran more tasks than B", "figure": "A.succeeded", "is": "greaterThan", "than": "B.succeeded"}"""));
        CliTest.Result r = CliTest.run("lessons", "check", "count", "--dir", dir.toString());
        assertEquals(LessonsCheckCommand.EXIT_NOT_HELD, r.status(), r.out() + r.err());
        assertTrue(r.out().contains("NOT HELD A ran more tasks than B"), r.out());
        assertTrue(r.out().contains("likely reason:"), r.out());
        assertTrue(r.out().contains("0 of 1 claims held"), r.out());
    }

    @Test
    void badInput_exits2_namingTheFileAndField(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("broken.json"), lesson("broken", """
                {"text": "t", "figure": "A.speed", "is": "atMost", "value": 0}"""));
        CliTest.Result bad = CliTest.run("lessons", "check", "no-such-lesson", "--dir", dir.toString());
        assertEquals(PoolScopeCli.EXIT_USAGE, bad.status());
        assertTrue(bad.err().contains("broken.json") && bad.err().contains("claims[0].figure: unknown figure 'speed'"), bad.err());
        assertTrue(bad.err().contains("poolscope lessons check: unknown lesson 'no-such-lesson'"), bad.err());
        assertFalse(bad.err().contains("Exception"), bad.err());
    }

    @Test
    void lessonsWithAnId_keepsItsMeaning_besideTheSubcommand() {
        CliTest.Result r = CliTest.run("lessons", "cpu-vs-cores");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("poolscope run --pool fixed --workers " + Runtime.getRuntime().availableProcessors() + " "), r.out());
        CliTest.Result json = CliTest.run("lessons", "cpu-vs-cores", "--json");
        assertTrue(json.out().contains("\"claims\""), json.out());
    }
}
