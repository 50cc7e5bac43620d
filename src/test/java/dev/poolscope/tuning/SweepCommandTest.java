package dev.poolscope.tuning;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.poolscope.cli.PoolScopeCli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The sweep command's output: its JSON shape, its table and its errors. Never speed. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SweepCommandTest {

    private record Result(int status, String out, String err) {
    }

    private static Result cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = PoolScopeCli.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(status, out.toString(), err.toString());
    }

    private static Set<String> fields(JsonNode n) {
        Set<String> s = new TreeSet<>();
        n.fieldNames().forEachRemaining(s::add);
        return s;
    }

    @Test
    void json_hasTheContractedFields() throws Exception {
        Result r = cli("sweep", "--pool", "fixed,virtual", "--workers", "1..3", "--workload", "cpu:size=1000",
                "--tasks", "20", "--repeat", "1", "--no-warmup", "--json", "-");
        assertEquals(0, r.status(), r.err());
        JsonNode root = new ObjectMapper().readTree(r.out());
        assertTrue(fields(root).containsAll(Set.of("points", "fits", "recommendedWorkers", "explanation")), fields(root).toString());
        assertEquals(6, root.get("points").size());
        for (JsonNode p : root.get("points")) {
            assertTrue(fields(p).containsAll(Set.of("pool", "workers", "throughputPerSecond", "p50Micros", "p99Micros")));
            assertTrue(p.get("workers").isInt() && p.get("throughputPerSecond").isNumber());
        }
        assertEquals(4, root.get("fits").size());
        for (JsonNode f : root.get("fits")) {
            assertTrue(fields(f).containsAll(Set.of("pool", "model", "sigma", "kappa", "lambda", "r2")));
            assertTrue(Set.of("amdahl", "usl").contains(f.get("model").asText()));
            assertTrue(f.get("sigma").asDouble() >= 0 && f.get("kappa").asDouble() >= 0);
        }
        assertEquals(Set.of("fixed", "virtual"), fields(root.get("recommendedWorkers")));
        int rec = root.get("recommendedWorkers").get("fixed").asInt();
        assertTrue(List.of(1, 2, 3).contains(rec));
        assertFalse(root.get("explanation").asText().isBlank());
    }

    @Test
    void table_marksTheRecommendation_andProgressGoesToStderr(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("sweep.json");
        Result r = cli("sweep", "--pool", "fixed", "--workers", "1,2", "--workload", "noop", "--tasks", "10",
                "--repeat", "2", "--p99-target", "1s", "--json", file.toString());
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("Recommended: fixed "), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("* fixed")), r.out());
        assertTrue(r.err().contains("[1/4]") && r.err().contains("warming up"), r.err());
        JsonNode root = new ObjectMapper().readTree(Files.readString(file));
        assertEquals(2, root.get("points").get(0).get("repetitions").asInt());
    }

    @Test
    void help_isClean() {
        Result r = cli("sweep", "--help");
        assertEquals(0, r.status());
        assertTrue(r.out().contains("--p99-target") && r.out().contains("within 5% of the best"), r.out());
        assertFalse(r.err().contains("WARN") || r.out().contains("WARN"), r.err());
    }

    @Test
    void invalidInput_exitsTwo_withOneLineNamingTheOption() {
        String[][] bad = {
                {"sweep", "--pool", "fixed,nope"},
                {"sweep", "--workers", "8..1"},
                {"sweep", "--repeat", "0"},
                {"sweep", "--workload", "cpu:size=-1"},
                {"sweep", "--p99-target", "soon"},
        };
        String[] option = {"--pool", "--workers", "--repeat", "--workload", "--p99-target"};
        for (int i = 0; i < bad.length; i++) {
            Result r = cli(bad[i]);
            assertEquals(2, r.status(), String.join(" ", bad[i]) + " -> " + r.err());
            String first = r.err().lines().findFirst().orElse("");
            assertTrue(first.contains(option[i]) || first.contains("'" + option[i]), first);
            assertFalse(r.err().contains("\tat "), r.err());
        }
    }
}
