package dev.poolscope.ui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.poolscope.cli.PoolScopeCli;
import dev.poolscope.engine.RunSpec;
import dev.poolscope.pool.RejectionPolicy;
import dev.poolscope.workload.WorkloadSpec;
import javafx.application.Platform;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What {@code poolscope dashboard --start --runs N --quit-after-run --json FILE} does in a window, headless. */
@ExtendWith(ApplicationExtension.class)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ScriptedLaunchTest {
    @TempDir
    Path dir;
    private PoolScopeApp.Window window;
    private Stage stage;

    @Start
    void start(Stage stage) {
        // --quit-after-run hides the window; the toolkit must stay up for the other tests in this JVM
        Platform.setImplicitExit(false);
        this.stage = stage;
        window = PoolScopeApp.open(stage, dir.resolve("config"), new FakeDialogs());
        stage.show();
    }

    @AfterEach
    void closeWindow() {
        window.dashboard().close();
    }

    @Test
    void startRunsQuitAfterRunJsonJfr_fillsTheForm_runsTwice_writesTheReportAndRecording_andCloses() throws Exception {
        RunSpec spec = RunSpec.of("fixed", 2, WorkloadSpec.parse("cpu:size=3000"), 120)
                .withQueue(16, RejectionPolicy.CALLER_RUNS).withSeed(7).withSampleInterval(Duration.ofMillis(20));
        Path json = dir.resolve("A.json");
        Path jfr = dir.resolve("A.jfr");
        AtomicReference<String> ended = new AtomicReference<>("not ended");
        LaunchTimings timings = new LaunchTimings();
        DashboardUiTest.fx(() -> {
            new ScriptedLaunch(window, new DashboardLaunch(spec, true, 2, true, json, jfr), stage, ended::set, timings).apply();
            return null;
        });
        DashboardUiTest.waitUntil("the window closed after the runs", () -> !stage.isShowing());
        assertNull(ended.get(), "the scripted run reported a problem");
        assertEquals(2, DashboardUiTest.fx(() -> window.dashboard().history().runs().size()), "--runs 2 made two runs");
        assertEquals("16", DashboardUiTest.fx(() -> window.dashboard().form().queueCapacityProperty().get()), "the form shows the options");
        assertTrue(timings.firstTaskSeconds() >= 0, "Run to first task measured");
        long taskEvents = 0;
        try (var events = new jdk.jfr.consumer.RecordingFile(jfr)) {
            while (events.hasMoreEvents()) {
                if (events.readEvent().getEventType().getName().equals(dev.poolscope.jfr.TaskEvent.NAME)) {
                    taskEvents++;
                }
            }
        }
        assertEquals(240, taskEvents, "--jfr records both scripted runs' tasks");

        JsonNode dashboard = new ObjectMapper().readTree(json.toFile());
        assertEquals(120, dashboard.get("tasks").get("succeeded").asLong());
        assertEquals("caller-runs", dashboard.get("rejection").asText());
        assertEquals(7, dashboard.get("seed").asLong());
        // the same document as poolscope run --json, field for field
        Path cliJson = dir.resolve("B.json");
        int status = PoolScopeCli.execute(new String[]{"run", "--pool", "fixed", "--workers", "2", "--workload", "cpu:size=3000",
                        "--tasks", "120", "--queue-capacity", "16", "--rejection", "caller-runs", "--seed", "7",
                        "--sample-interval", "20ms", "--no-progress", "--json", cliJson.toString()},
                new PrintWriter(new StringWriter(), true), new PrintWriter(new StringWriter(), true));
        assertEquals(0, status);
        assertEquals(fields(new ObjectMapper().readTree(cliJson.toFile()), ""), fields(dashboard, ""));
    }

    @Test
    void failedStart_isReported_notHidden() {
        RunSpec bad = RunSpec.of("fixed", 2, WorkloadSpec.parse("cpu:size=-5"), 10);
        AtomicReference<String> ended = new AtomicReference<>("not ended");
        DashboardUiTest.fx(() -> {
            new ScriptedLaunch(window, new DashboardLaunch(bad, true, 1, true, dir.resolve("X.json"), null), stage, ended::set,
                    new LaunchTimings()).apply();
            return null;
        });
        DashboardUiTest.waitUntil("the window closed", () -> !stage.isShowing());
        assertTrue(ended.get() != null && ended.get().startsWith("the run failed"), String.valueOf(ended.get()));
        assertFalse(Files.exists(dir.resolve("X.json")));
    }

    /** Every field path in a JSON document (array elements folded into one). */
    private static Set<String> fields(JsonNode n, String prefix) {
        Set<String> out = new TreeSet<>();
        if (n.isObject()) {
            for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
                String f = it.next();
                out.add(prefix + f);
                out.addAll(fields(n.get(f), prefix + f + "."));
            }
        } else if (n.isArray() && !n.isEmpty()) {
            out.addAll(fields(n.get(0), prefix + "[]."));
        }
        return out;
    }
}
