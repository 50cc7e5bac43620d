package dev.poolscope.ui;

import dev.poolscope.engine.Run;
import dev.poolscope.metrics.WorkerSnapshot;
import dev.poolscope.ui.model.LiveRunModel;
import dev.poolscope.ui.model.RunPhase;
import dev.poolscope.ui.model.WorkerText;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.chart.LineChart;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TreeTableView;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Region;
import javafx.scene.paint.Paint;
import javafx.scene.shape.Path;
import javafx.stage.Popup;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the dashboard shows once a run has ended: workers' ends, the error list, compare's colours, notices in the window. */
@ExtendWith(ApplicationExtension.class)
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class RunEndViewsUiTest {
    @TempDir
    java.nio.file.Path configDir;
    private PoolScopeApp.Window window;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        window = PoolScopeApp.open(stage, configDir, new FakeDialogs());
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

    private LiveRunModel live() {
        return window.dashboard().live();
    }

    private void run(FxRobot robot, String pool, String workload, int workers, int tasks) {
        int before = FxWait.fx(() -> window.dashboard().history().runs().size());
        FxWait.fx(() -> {
            window.dashboard().form().poolProperty().set(pool);
            window.dashboard().form().workloadProperty().set(workload);
            window.dashboard().form().workersProperty().set(workers);
            if (workload.equals("cpu")) {
                window.dashboard().form().params().put("size", "3000");
            }
            return null;
        });
        robot.clickOn("#tasksField");
        robot.push(KeyCode.CONTROL, KeyCode.A);
        robot.write(Integer.toString(tasks));
        robot.type(KeyCode.F5);
        FxWait.waitUntil("the run in the history", () -> window.dashboard().history().runs().size() == before + 1);
    }

    @Test
    void processRun_stoppedMidway_leavesEachWorkersEnd_andLastFigures(FxRobot robot) {
        FxWait.fx(() -> {
            window.dashboard().form().poolProperty().set("process");
            window.dashboard().form().workersProperty().set(2);
            window.dashboard().form().params().put("size", "30000");
            return null;
        });
        robot.clickOn("#tasksField");
        robot.push(KeyCode.CONTROL, KeyCode.A);
        robot.write("1000000");
        robot.type(KeyCode.F5);
        FxWait.waitUntil("process workers with PIDs", () -> live().getPhase() == RunPhase.RUNNING
                && live().workerRows().stream().filter(w -> w.getSnapshot().pid() > 0).count() == 2);
        robot.clickOn("#stopButton");
        FxWait.waitUntil("the run stopped", () -> live().getPhase() == RunPhase.STOPPED);
        FxWait.waitUntil("the pool gone", () -> live().poolGoneProperty().get());
        List<WorkerSnapshot> ends = FxWait.fx(() -> live().workerRows().stream().map(r -> r.getSnapshot()).toList());
        assertEquals(2, ends.size(), ends.toString());
        for (WorkerSnapshot w : ends) {
            assertTrue(w.ended(), "ended: " + w);
            assertTrue(WorkerText.state(w).startsWith("exited: "), WorkerText.state(w));
            boolean measured = w.cpuNanos() > 0 && w.rssBytes() > 0;
            assertTrue(measured || w.exitedUnmeasured(), "last figures kept, or none ever read: " + w);
            assertTrue(measured ? WorkerText.cpu(w).endsWith(" s") && WorkerText.memory(w).endsWith(" MiB")
                    : WorkerText.cpu(w).equals(WorkerText.UNMEASURED), WorkerText.cpu(w));
        }
        Label hint = robot.lookup("#killHint").queryAs(Label.class);
        assertEquals(WorkerText.POOL_GONE, FxWait.fx(hint::getText));
    }

    @Test
    void failedTasks_areOneClickFromTheirFullList(FxRobot robot) {
        FxWait.fx(() -> {
            window.dashboard().form().workloadProperty().set("failing");
            window.dashboard().form().params().put("p", "0.3");
            return null;
        });
        run(robot, "fixed", "failing", 2, 200);
        Node link = robot.lookup("#errorsLink").query();
        FxWait.waitUntil("the errors link", link::isVisible);
        FxWait.fx(() -> {
            ((javafx.scene.control.Hyperlink) link).fire();
            return null;
        });
        FxWait.waitUntil("the error list", () -> errorList() != null);
        TreeTableView<?> list = FxWait.fx(RunEndViewsUiTest::errorList);
        int groups = FxWait.fx(() -> list.getRoot().getChildren().size());
        int examples = FxWait.fx(() -> list.getRoot().getChildren().get(0).getChildren().size());
        assertEquals(1, groups);
        assertTrue(examples >= 1 && examples <= 20, "examples under the group: " + examples);
        FxWait.fx(() -> {
            list.getScene().getWindow().hide();
            return null;
        });
    }

    @Test
    void compare_hasALegend_andHeadersInEachRunsColour(FxRobot robot) {
        run(robot, "fixed", "cpu", 1, 60);
        run(robot, "fixed", "cpu", 2, 60);
        robot.clickOn("History");
        FxWait.fx(() -> {
            HistoryController h = window.controller().history();
            h.compare(window.dashboard().history().runs());
            return null;
        });
        LineChart<?, ?> chart = robot.lookup("#compareThroughput").queryAs(LineChart.class);
        FxWait.waitUntil("two series drawn", () -> chart.getData().size() == 2 && chart.getData().get(1).getNode() != null);
        FlowPane legend = robot.lookup("#compareLegend").queryAs(FlowPane.class);
        GridPane figures = robot.lookup("#compareFigures").queryAs(GridPane.class);
        for (int i = 0; i < 2; i++) {
            int run = i;
            Paint line = FxWait.fx(() -> {
                chart.applyCss(); // the line's colour comes from the style sheet: read it once that has been applied
                return ((Path) chart.getData().get(run).getNode()).getStroke();
            });
            Label item = FxWait.fx(() -> (Label) legend.getChildren().get(run));
            assertTrue(FxWait.fx(item::getText).startsWith("#" + (i + 1) + " fixed x" + (i + 1)), FxWait.fx(item::getText));
            assertEquals(line, FxWait.fx(() -> fill((Region) item.getGraphic())), "legend swatch of run " + (i + 1));
            Label header = FxWait.fx(() -> (Label) figures.getChildren().stream()
                    .filter(n -> GridPane.getRowIndex(n) != null && GridPane.getRowIndex(n) == 0
                            && GridPane.getColumnIndex(n) != null && GridPane.getColumnIndex(n) == run + 1)
                    .findFirst().orElseThrow());
            assertEquals(line, FxWait.fx(() -> fill((Region) header.getGraphic())), "header colour of run " + (i + 1));
        }
        assertFalse(FxWait.fx(() -> chart.getData().get(0).getNode().getStyleClass().contains("default-color1")));
    }

    private static TreeTableView<?> errorList() {
        for (Window w : Window.getWindows()) {
            if (w.isShowing() && w.getScene() != null && w.getScene().getRoot() instanceof TreeTableView<?> t
                    && "errorList".equals(t.getId())) {
                return t;
            }
        }
        return null;
    }

    private static Paint fill(Region r) {
        r.applyCss();
        return r.getBackground().getFills().get(0).getFill();
    }

    @Test
    void aLongNotice_staysInsideItsWindow(FxRobot robot) {
        FxWait.fx(() -> {
            stage.setWidth(700);
            stage.setX(40);
            window.dashboard().notifier().error("History could not be read",
                    "the file " + "/some/very/long/path/".repeat(12) + "history.json is not JSON: Unexpected character"
                            + " ('x' (code 120)): expected a valid value (JSON String, Number, Array, Object or token 'null')");
            return null;
        });
        FxWait.waitUntil("the notice shown", () -> Window.getWindows().stream().anyMatch(w -> w instanceof Popup && w.isShowing()));
        Window popup = FxWait.fx(() -> Window.getWindows().stream().filter(w -> w instanceof Popup && w.isShowing()).findFirst().orElseThrow());
        FxWait.waitUntil("the notice laid out", () -> popup.getWidth() > 0);
        Bounds inside = FxWait.fx(() -> new javafx.geometry.BoundingBox(stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight()));
        double left = FxWait.fx(popup::getX);
        double right = FxWait.fx(() -> popup.getX() + popup.getWidth());
        assertTrue(left >= inside.getMinX() && right <= inside.getMaxX() + 1,
                "notice " + left + ".." + right + " inside the window " + inside.getMinX() + ".." + inside.getMaxX());
    }
}
