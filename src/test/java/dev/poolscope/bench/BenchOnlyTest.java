package dev.poolscope.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.poolscope.cli.PoolScopeCli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code poolscope bench --only}: the sections named run, the others are left out, an unknown name is refused. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class BenchOnlyTest {

    @Test
    void only_runsTheNamedSection_andLeavesTheOthersOut() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = PoolScopeCli.execute(new String[]{"bench", "--tiny", "--quiet", "--only", "heap", "--json", "-"},
                new PrintWriter(out, true), new PrintWriter(err, true));
        assertEquals(0, status, err.toString());
        JsonNode doc = new ObjectMapper().readTree(out.toString());
        assertTrue(doc.get("heap").get("completed").asBoolean(), doc.get("heap").toString());
        assertTrue(doc.get("overhead").isNull(), doc.get("overhead").toString());
        assertTrue(doc.get("processRoundTrip").isNull(), doc.get("processRoundTrip").toString());
        assertTrue(doc.get("cluster").isNull());
        assertEquals(BenchRunner.NOT_SELECTED, doc.get("clusterReason").asText());
        assertEquals(1, doc.get("sectionSeconds").size(), doc.get("sectionSeconds").toString());
        assertTrue(doc.get("sectionSeconds").has("heap"));
    }

    @Test
    void only_withAnUnknownSection_namesTheAllowedOnes_andExits2() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = PoolScopeCli.execute(new String[]{"bench", "--tiny", "--only", "heap,nosuch"},
                new PrintWriter(out, true), new PrintWriter(err, true));
        assertEquals(2, status);
        assertTrue(err.toString().contains("--only: unknown section 'nosuch'"), err.toString());
        assertTrue(err.toString().contains("processRoundTrip"), err.toString());
        assertFalse(err.toString().contains("Exception"), err.toString());
    }
}
