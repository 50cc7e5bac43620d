package dev.poolscope.ui;

import dev.poolscope.engine.Run;
import dev.poolscope.jfr.TaskEvent;
import javafx.stage.Stage;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Run > Start JFR recording, a run, Run > Stop and save: the file holds the run's task events. */
@ExtendWith(ApplicationExtension.class)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class JfrMenuUiTest {
    @TempDir
    Path configDir;
    @TempDir
    Path exports;
    private final FakeDialogs dialogs = new FakeDialogs();
    private PoolScopeApp.Window window;

    @Start
    void start(Stage stage) {
        window = PoolScopeApp.open(stage, configDir, dialogs);
        stage.show();
    }

    @AfterEach
    void stopEverything() {
        Run run = window.dashboard().session().current();
        window.dashboard().close();
        if (run != null) {
            assertTrue(run.pool().isTerminated(), "pool left alive: " + run.pool());
        }
    }

    @Test
    void recordARunFromTheMenu_savesItsTaskEvents(FxRobot robot) throws Exception {
        JfrMenu menu = DashboardUiTest.fx(() -> window.controller().jfrMenu());
        DashboardUiTest.fx(() -> {
            menu.start();
            window.dashboard().form().workersProperty().set(2);
            window.dashboard().form().params().put("size", "3000");
            window.dashboard().form().tasksProperty().set("120");
            return null;
        });
        DashboardUiTest.waitUntil("the recording to start", menu::recording);
        int before = DashboardUiTest.fx(() -> window.dashboard().history().runs().size());
        DashboardUiTest.fx(() -> {
            window.controller().onRun();
            return null;
        });
        DashboardUiTest.waitUntil("the run in the history", () -> window.dashboard().history().runs().size() == before + 1);

        Path file = exports.resolve("dashboard.jfr");
        dialogs.files.add(file);
        DashboardUiTest.fx(() -> {
            menu.save();
            return null;
        });
        assertFalse(DashboardUiTest.fx(menu::recording));
        DashboardUiTest.waitUntil("the saved recording", () -> Files.isRegularFile(file) && Files.size(file) > 0
                && String.valueOf(((FxNotifier) window.dashboard().notifier()).lastProperty().get()).startsWith("JFR recording saved"));
        long tasks = RecordingFile.readAllEvents(file).stream()
                .filter(e -> e.getEventType().getName().equals(TaskEvent.NAME)).count();
        assertEquals(120, tasks);
    }
}
