package dev.poolscope.ui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.poolscope.engine.Run;
import dev.poolscope.ui.model.LiveRunModel;
import dev.poolscope.ui.model.RunPhase;
import dev.poolscope.ui.store.HistoryEntry;
import javafx.scene.chart.LineChart;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.GridPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The dashboard driven as a user would, headless (Monocle). */
@ExtendWith(ApplicationExtension.class)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class DashboardUiTest {
    @TempDir
    Path configDir;
    @TempDir
    Path exports;
    private final FakeDialogs dialogs = new FakeDialogs();
    private PoolScopeApp.Window window;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        window = PoolScopeApp.open(stage, configDir, dialogs);
        stage.show();
    }

    @AfterEach
    void stopEverything() {
        Run run = window.dashboard().session().current();
        window.dashboard().close();
        if (run != null) {
            assertTrue(run.state().ended(), "run left going: " + run);
            assertTrue(run.pool().isTerminated(), "pool left alive: " + run.pool());
        }
    }

    static <T> T fx(Callable<T> c) {
        return FxWait.fx(c);
    }

    static void waitUntil(String what, Callable<Boolean> condition) {
        FxWait.waitUntil(what, condition);
    }

    private String lastMessage() {
        return ((FxNotifier) window.dashboard().notifier()).lastProperty().get();
    }

    private LiveRunModel live() {
        return window.dashboard().live();
    }

    private void replaceText(FxRobot robot, String query, String text) {
        robot.clickOn(query);
        robot.push(KeyCode.CONTROL, KeyCode.A);
        robot.write(text);
    }

    /** Fills the form for a short cpu run through the keyboard. */
    private void shortRun(FxRobot robot, int workers, int tasks) {
        fx(() -> {
            window.dashboard().form().workersProperty().set(workers);
            window.dashboard().form().params().put("size", "3000");
            return null;
        });
        replaceText(robot, "#tasksField", Integer.toString(tasks));
    }

    private void runAndWaitForTheEnd(FxRobot robot, KeyCode... keys) {
        int before = fx(() -> window.dashboard().history().runs().size());
        robot.push(keys);
        waitUntil("the run in the history", () -> window.dashboard().history().runs().size() == before + 1);
    }

    @Test
    void badValue_isMarked_andRunStaysDisabledUntilFixed(FxRobot robot) {
        Button run = robot.lookup("#runButton").queryButton();
        assertFalse(run.isDisabled(), "the default run is ready at once");
        replaceText(robot, "#tasksField", "12x");
        waitUntil("Run disabled", run::isDisabled);
        Label problem = robot.lookup("#problemLabel").queryAs(Label.class);
        assertTrue(fx(problem::getText).startsWith("Tasks: must be a whole number"), fx(problem::getText));
        replaceText(robot, "#queueField", "-1");
        replaceText(robot, "#tasksField", "50");
        waitUntil("queue error shown", () -> problem.getText().startsWith("Queue capacity"));
        assertTrue(run.isDisabled());
        replaceText(robot, "#queueField", "unbounded");
        waitUntil("Run enabled", () -> !run.isDisabled());
        assertEquals(50, fx(() -> window.dashboard().form().getSpec().tasks()));
    }

    @Test
    void slider_andSpinner_setTheSameWorkerCount(FxRobot robot) {
        robot.drag("#workersSlider .thumb").moveBy(60, 0).release(javafx.scene.input.MouseButton.PRIMARY);
        int fromSlider = fx(() -> window.dashboard().form().workersProperty().get());
        assertTrue(fromSlider > 2, "slider moved the worker count to " + fromSlider);
        assertEquals(fromSlider, fx(() -> robot.lookup("#workersSpinner").queryAs(javafx.scene.control.Spinner.class).getValue()));
    }

    @Test
    void shortRun_movesChartsAndProgress_thenIsInHistory_andExportsReadBack(FxRobot robot) throws Exception {
        shortRun(robot, 2, 300);
        fx(() -> window.dashboard().form().params().put("size", "30000"));
        robot.type(KeyCode.F5);
        LineChart<?, ?> throughput = robot.lookup("#throughputChart").queryAs(LineChart.class);
        ProgressBar progress = robot.lookup("#progressBar").queryAs(ProgressBar.class);
        waitUntil("chart points", () -> throughput.getData().get(0).getData().size() >= 1 && progress.getProgress() > 0);
        waitUntil("the run's end", () -> live().getPhase() == RunPhase.COMPLETED);
        assertEquals(1.0, fx(progress::getProgress), 1e-9);
        waitUntil("the run in the history", () -> window.dashboard().history().runs().size() == 1);

        robot.clickOn("History");
        TableView<?> table = robot.lookup("#historyTable").queryAs(TableView.class);
        robot.clickOn(robot.lookup(".table-row-cell").nth(0).queryAs(javafx.scene.Node.class));
        waitUntil("a selected run", () -> table.getSelectionModel().getSelectedItems().size() == 1);
        Path json = exports.resolve("run.json");
        Path csv = exports.resolve("run.csv");
        dialogs.files.add(json);
        robot.clickOn("#exportJsonButton");
        waitUntil("the JSON export", () -> lastMessage().equals("Exported: " + json));
        dialogs.files.add(csv);
        robot.clickOn("#exportCsvButton");
        waitUntil("the CSV export", () -> lastMessage().equals("Exported: " + csv));
        JsonNode report = new ObjectMapper().readTree(json.toFile());
        assertEquals("fixed", report.path("pool").asText());
        assertEquals(300, report.path("tasks").path("succeeded").asLong());
        assertEquals("completed", report.path("state").asText());
        List<String> lines = Files.readAllLines(csv);
        assertTrue(lines.get(0).startsWith("elapsedMillis,poolSize,queueDepth"), lines.get(0));
        assertTrue(lines.size() >= 2, "at least one sample row");

        Path png = exports.resolve("live.png");
        dialogs.files.add(png);
        robot.clickOn("Export");
        robot.clickOn("Live charts as PNG…");
        waitUntil("the PNG export", () -> lastMessage().equals("Saved: " + png));
        var image = javax.imageio.ImageIO.read(png.toFile());
        assertTrue(image.getWidth() > 200 && dev.poolscope.ui.view.ChartPng.hasContent(image, 10), "a chart image");
    }

    @Test
    void resizeDuringARun_isApplied_andEscStopsIt(FxRobot robot) {
        shortRun(robot, 2, 1_000_000);
        fx(() -> window.dashboard().form().params().put("size", "30000"));
        robot.type(KeyCode.F5);
        waitUntil("the run going", () -> live().getPhase() == RunPhase.RUNNING && live().snapshots() >= 2);
        robot.clickOn("#workersSpinner .increment-arrow-button");
        waitUntil("the pool at 3 workers", () -> live().poolSizeProperty().get() == 3
                && live().poolSizeSeries().data().get(live().poolSizeSeries().size() - 1).y() == 3);
        fx(() -> {
            robot.lookup("#tabs").query().requestFocus();
            return null;
        });
        robot.type(KeyCode.ESCAPE);
        waitUntil("the run stopped", () -> live().getPhase() == RunPhase.STOPPED);
        waitUntil("the stopped run in the history", () -> window.dashboard().history().runs().size() == 1);
        HistoryEntry e = fx(() -> window.dashboard().history().runs().get(0));
        assertEquals("stopped", e.state());
        assertEquals(3, e.summary().path("finalWorkers").asInt());
    }

    @Test
    void processPool_workerTableShowsPids_andKillingAWorkerRestartsItsSlot(FxRobot robot) {
        fx(() -> {
            window.dashboard().form().poolProperty().set("process");
            return null;
        });
        shortRun(robot, 2, 1_000_000);
        fx(() -> window.dashboard().form().params().put("size", "30000"));
        robot.type(KeyCode.F5);
        waitUntil("process workers with PIDs", () -> live().getPhase() == RunPhase.RUNNING
                && live().workerRows().stream().filter(w -> w.getSnapshot().pid() > 0).count() == 2);
        robot.clickOn(robot.lookup(".tab-label").match(org.testfx.matcher.control.LabeledMatchers.hasText("Workers"))
                .queryAs(javafx.scene.Node.class));
        TableView<?> table = robot.lookup("#workerTable").queryAs(TableView.class);
        robot.clickOn(robot.lookup("#workerTable .table-row-cell").nth(0).queryAs(javafx.scene.Node.class));
        waitUntil("a selected worker", () -> table.getSelectionModel().getSelectedItem() != null);
        Button kill = robot.lookup("#killButton").queryButton();
        waitUntil("the kill button enabled", () -> !kill.isDisabled());
        assertTrue(fx(() -> kill.getWidth() >= kill.prefWidth(-1) - 0.5),
                "the kill button shows its whole label beside the hint: " + fx(kill::getWidth) + " of " + fx(() -> kill.prefWidth(-1)));
        robot.clickOn(kill);
        waitUntil("the slot restarted", () -> live().workerRows().stream().map(r -> r.getSnapshot()).anyMatch(w -> w.restarts() >= 1 && w.pid() > 0));
        assertTrue(lastMessage().startsWith("Worker killed"), lastMessage());
        robot.clickOn("#stopButton");
        waitUntil("the run stopped", () -> live().getPhase() == RunPhase.STOPPED);
    }

    @Test
    void twoRuns_areComparedSideBySide(FxRobot robot) {
        shortRun(robot, 1, 80);
        runAndWaitForTheEnd(robot, KeyCode.F5);
        shortRun(robot, 2, 80);
        runAndWaitForTheEnd(robot, KeyCode.CONTROL, KeyCode.R);
        robot.clickOn("History");
        TableView<?> table = robot.lookup("#historyTable").queryAs(TableView.class);
        robot.clickOn(robot.lookup(".table-row-cell").nth(0).queryAs(javafx.scene.Node.class));
        robot.press(KeyCode.CONTROL).clickOn(robot.lookup(".table-row-cell").nth(1).queryAs(javafx.scene.Node.class)).release(KeyCode.CONTROL);
        waitUntil("two selected", () -> table.getSelectionModel().getSelectedItems().size() == 2);
        robot.clickOn("#compareButton");
        LineChart<?, ?> overlay = robot.lookup("#compareThroughput").queryAs(LineChart.class);
        waitUntil("two overlaid series", () -> overlay.getData().size() == 2);
        GridPane figures = robot.lookup("#compareFigures").queryAs(GridPane.class);
        List<String> texts = fx(() -> figures.getChildren().stream().map(n -> ((Label) n).getText()).toList());
        assertTrue(texts.contains("Throughput"), texts.toString());
        assertTrue(texts.contains("1") && texts.contains("2"), "worker counts side by side: " + texts);
    }

    @Test
    void preset_isSavedToTheConfigDir_andLoadsBack(FxRobot robot) throws Exception {
        replaceText(robot, "#tasksField", "1234");
        dialogs.texts.add("big batch");
        robot.clickOn("Presets");
        robot.clickOn("Save current form as preset…");
        Path file = configDir.resolve("presets.json");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> Files.exists(file));
        assertTrue(Files.readString(file).contains("big batch"));
        replaceText(robot, "#tasksField", "7");
        fx(() -> {
            var menu = (javafx.scene.control.Menu) window.controller().presetsMenu().getItems().stream()
                    .filter(i -> "big batch".equals(i.getText())).findFirst().orElseThrow();
            MenuItem load = menu.getItems().get(0);
            load.fire();
            return null;
        });
        assertEquals(1234, fx(() -> window.dashboard().form().getSpec().tasks()));
    }

    @Test
    void closingTheWindow_stopsTheRunAndItsPool(FxRobot robot) {
        shortRun(robot, 2, 1_000_000);
        robot.type(KeyCode.F5);
        waitUntil("the run going", () -> live().getPhase() == RunPhase.RUNNING && window.dashboard().session().current() != null);
        Run run = fx(() -> window.dashboard().session().current());
        fx(() -> {
            stage.hide();
            return null;
        });
        assertTrue(run.state().ended(), run.toString());
        assertTrue(run.pool().isTerminated(), run.pool().toString());
    }
}
