package dev.poolscope.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.poolscope.engine.ReportJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CliTest {

    record Result(int status, String out, String err) {
    }

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = PoolScopeCli.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(status, out.toString(), err.toString());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "--pool nope                     | --pool        | allowed: fixed, virtual",
            "--workers 0                     | --workers     | between 1 and 1024",
            "--workers 5000                  | --workers     | between 1 and 1024",
            "--workers abc                   | --workers     | 'abc'",
            "--tasks -5                      | --tasks       | between 0 and",
            "--tasks 1e3                     | --tasks       | '1e3'",
            "--workload zzz                  | --workload    | allowed: cpu, io",
            "--workload cpu:size=x           | --workload    | 'size'",
            "--workload cpu:bogus=1          | --workload    | allowed: size",
            "--task-timeout fast             | --task-timeout| like 100ms",
            "--rejection maybe               | --rejection   | block, abort, caller-runs, discard-oldest",
            "--queue-capacity -1             | --queue-capacity | 0 or more",
            "--rate 0                        | --rate        | tasks per second",
            "--arrival sometimes             | --arrival     | all, fixed, poisson, batches",
            "--frobnicate                    | --frobnicate  | Unknown option",
    })
    void run_badInput_exits2_withOneLineNamingTheOption(String args, String option, String fragment) {
        String prefix = args.contains("--tasks") ? "run " : "run --tasks 1 ";
        Result r = run((prefix + args.trim()).split("\\s+"));
        assertEquals(2, r.status(), r.err());
        String first = r.err().lines().findFirst().orElse("");
        assertTrue(first.contains(option.trim()), "names the option: " + first);
        assertTrue(first.contains(fragment.trim()), "says what is allowed: " + first);
        assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
        assertTrue(r.err().lines().count() <= 2, r.err());
    }

    @Test
    void run_json_printsAReportWhoseCountsAddUp() throws Exception {
        Result r = run("run", "--pool", "fixed", "--workers", "2", "--workload", "cpu:size=2000", "--tasks", "300", "--json", "-");
        assertEquals(0, r.status(), r.err());
        JsonNode n = ReportJson.mapper().readTree(r.out());
        JsonNode t = n.get("tasks");
        assertEquals(300, t.get("submitted").asLong());
        assertEquals(300, t.get("succeeded").asLong());
        assertEquals("cpu:size=2000", n.get("workload").asText());
        assertTrue(n.get("samples").size() >= 1);
        assertEquals("", r.err().strip(), "no progress bar when stdout is the JSON");
    }

    @Test
    void run_summary_isReadable_andJsonFileIsWritten(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("report.json");
        Result r = run("run", "--pool", "virtual", "--workers", "4", "--workload", "io:millis=1", "--tasks", "100",
                "--json", file.toString(), "--no-progress");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("PoolScope run: virtual x4"), r.out());
        assertTrue(r.out().contains("succeeded 100"), r.out());
        assertEquals(100, ReportJson.mapper().readTree(Files.readString(file)).get("tasks").get("succeeded").asLong());
    }

    @Test
    void run_taskFailures_areCountedNotFatal() throws Exception {
        Result r = run("run", "--workload", "failing:p=1,millis=0", "--tasks", "20", "--json", "-");
        assertEquals(0, r.status());
        JsonNode n = ReportJson.mapper().readTree(r.out());
        assertEquals(20, n.get("tasks").get("failed").asLong());
        assertEquals(20, n.get("errors").get(0).get("count").asLong());
    }

    @Test
    void workloads_listsEveryWorkloadWithParametersAndDefaults() {
        Result r = run("workloads");
        assertEquals(0, r.status());
        for (String w : new String[]{"cpu", "io", "mixed", "skewed", "memory", "failing", "square", "add"}) {
            assertTrue(r.out().contains("  " + w + " "), "lists " + w);
        }
        assertTrue(r.out().contains("size") && r.out().contains("default 50000"), r.out());
        assertTrue(r.out().contains("fixed") && r.out().contains("forkjoin"));
    }

    @Test
    void demoSeed_printsTheTutorialsResultsInInputOrder() {
        Result r = run("demo", "seed");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("Result: 25"), r.out());
        assertTrue(r.out().contains("Results: [0, 1, 4, 9, 16, 25, 36, 49, 64, 81]"), r.out());
        assertTrue(r.out().contains("Results: [0, 1, 4, 9, 16, 25, 36, 49, 64, 81, 100, 121, 144, 169, 196, 225, 256, 289, 324, 361]"), r.out());
        assertTrue(r.out().contains("Results: [1, 3, 5, 7, 9]"), r.out());
    }

    @Test
    void demoPools_runsBothPoolsForItsDuration_andCountsRejections() {
        Result r = run("demo", "pools", "--duration", "600ms");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("PID " + ProcessHandle.current().pid()), r.out());
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("completed (\\d+) \\+ (\\d+) tasks, rejected (\\d+)").matcher(r.out());
        assertTrue(m.find(), r.out());
        assertTrue(Long.parseLong(m.group(1)) > 0 && Long.parseLong(m.group(3)) > 0, "work done and some rejected: " + m.group());
    }

    @Test
    void demoPools_zeroDuration_exits2() {
        Result r = run("demo", "pools", "--duration", "0s");
        assertEquals(2, r.status());
        assertTrue(r.err().contains("--duration"), r.err());
    }

    @Test
    void demo_unknownName_exits2() {
        Result r = run("demo", "nope");
        assertEquals(2, r.status());
        assertTrue(r.err().contains("allowed: seed"), r.err());
    }
}
