package dev.poolscope.ui.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.poolscope.engine.Arrival;
import dev.poolscope.engine.Run;
import dev.poolscope.engine.RunEngine;
import dev.poolscope.engine.RunReport;
import dev.poolscope.engine.RunSpec;
import dev.poolscope.pool.RejectionPolicy;
import dev.poolscope.ui.model.CompareTable;
import dev.poolscope.workload.WorkloadSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(30)
class StoresTest {
    @TempDir
    Path dir;

    static RunReport shortRun(int workers) throws Exception {
        try (Run run = RunEngine.standard().start(RunSpec.of("fixed", workers, WorkloadSpec.parse("cpu:size=2000"), 40))) {
            return run.await(Duration.ofSeconds(20));
        }
    }

    @Test
    void specJson_roundTripsEveryArrivalKind() {
        RunSpec base = RunSpec.of("forkjoin", 3, WorkloadSpec.parse("io:millis=2"), 10).withQueue(5, RejectionPolicy.DISCARD_OLDEST)
                .withSeed(7).withTaskTimeout(Duration.ofMillis(300));
        for (Arrival a : List.of(new Arrival.AllAtOnce(), new Arrival.FixedRate(12.5), new Arrival.Poisson(30),
                new Arrival.Batches(4, Duration.ofMillis(50)))) {
            RunSpec s = base.withArrival(a);
            assertEquals(s, SpecJson.fromJson(SpecJson.toJson(s)));
        }
    }

    @Test
    void history_recordSaveLoad_roundTrips_andKeepsTheReportFiles() throws Exception {
        HistoryStore store = new HistoryStore(dir);
        RunReport report = shortRun(2);
        HistoryEntry e = store.record(report, Instant.parse("2026-11-26T10:00:00Z"));
        store.save(List.of(e));
        LoadResult<List<HistoryEntry>> back = store.load();
        assertNull(back.warning());
        HistoryEntry loaded = back.value().get(0);
        assertEquals(e.id(), loaded.id());
        assertEquals(report.spec(), loaded.spec());
        assertEquals("completed", loaded.state());
        assertEquals(40, loaded.tasks("succeeded"));
        assertEquals(e.samples(), loaded.samples());
        var json = new ObjectMapper().readTree(store.reportFile(e.id()).toFile());
        assertEquals("fixed", json.path("pool").asText());
        assertTrue(Files.readString(store.csvFile(e.id())).startsWith("elapsedMillis,"));
    }

    @Test
    void corruptHistory_isReportedAndSetAside() throws Exception {
        HistoryStore store = new HistoryStore(dir);
        Files.writeString(store.indexFile(), "{ not json");
        LoadResult<List<HistoryEntry>> r = store.load();
        assertTrue(r.value().isEmpty());
        assertNotNull(r.warning());
        assertTrue(r.warning().contains("moved to"), r.warning());
        assertFalse(Files.exists(store.indexFile()));
        try (var files = Files.list(dir)) {
            assertTrue(files.anyMatch(p -> p.getFileName().toString().startsWith("history.json.corrupt-")));
        }
    }

    @Test
    void presets_roundTrip_andACorruptFileIsSetAside() throws Exception {
        PresetStore store = new PresetStore(dir);
        RunSpec spec = RunSpec.of("virtual", 50, WorkloadSpec.parse("io:millis=5"), 500);
        store.save(Map.of("io on virtual", spec));
        assertEquals(Map.of("io on virtual", spec), store.load().value());
        Files.writeString(store.file(), "{\"presets\": {\"x\": {\"pool\": 3}}}");
        LoadResult<Map<String, RunSpec>> bad = store.load();
        assertTrue(bad.value().isEmpty());
        assertNotNull(bad.warning());
    }

    @Test
    void compareTable_putsRunsSideBySide() throws Exception {
        HistoryStore store = new HistoryStore(dir);
        HistoryEntry one = store.record(shortRun(1), Instant.now());
        HistoryEntry two = store.record(shortRun(2), Instant.now());
        List<CompareTable.Row> rows = CompareTable.rows(List.of(one, two));
        CompareTable.Row workers = rows.stream().filter(r -> r.name().equals("Workers")).findFirst().orElseThrow();
        assertEquals(List.of("1", "2"), workers.values());
        assertTrue(rows.stream().anyMatch(r -> r.name().equals("Throughput")));
    }
}
