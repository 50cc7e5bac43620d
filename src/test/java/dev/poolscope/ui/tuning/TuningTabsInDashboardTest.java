package dev.poolscope.ui.tuning;

import dev.poolscope.ui.PoolScopeApp;
import dev.poolscope.ui.view.Dialogs;
import javafx.scene.control.TabPane;
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

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The two views mounted as the dashboard's tabs, wired to its run form the way
 * the main window would: "Use N workers" and a lesson's preset load the form.
 */
@ExtendWith(ApplicationExtension.class)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class TuningTabsInDashboardTest {
    @TempDir
    Path configDir;
    private PoolScopeApp.Window window;
    private SweepView sweep;

    @Start
    void start(Stage stage) {
        Dialogs none = new Dialogs() {
            @Override public Optional<Path> saveFile(String t, String n, String e) { return Optional.empty(); }
            @Override public Optional<String> askText(String t, String q, String s) { return Optional.empty(); }
        };
        window = PoolScopeApp.open(stage, configDir, none);
        sweep = window.sweep(); // the app mounts the Sweep and Lessons tabs itself
        sweep.model().workersProperty().set("1,3");
        sweep.model().workloadProperty().set("cpu:size=1000");
        sweep.model().tasksProperty().set("30");
        sweep.model().repeatProperty().set("1");
        stage.show();
    }

    @AfterEach
    void close() {
        sweep.model().cancel();
        window.dashboard().close();
    }

    private static <T> T fx(Callable<T> c) throws Exception {
        return WaitForAsyncUtils.asyncFx(c).get(10, TimeUnit.SECONDS);
    }

    private void showTab(FxRobot robot, String title) {
        robot.interact(() -> {
            TabPane tabs = robot.lookup(".tab-pane").queryAs(TabPane.class);
            tabs.getTabs().stream().filter(t -> t.getText().equals(title)).findFirst()
                    .ifPresent(t -> tabs.getSelectionModel().select(t));
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void useRecommended_loadsTheRunForm(FxRobot robot) throws Exception {
        showTab(robot, "Sweep");
        robot.clickOn("#sweepStart");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS,
                () -> fx(() -> sweep.model().phaseProperty().get() == SweepViewModel.Phase.DONE));
        WaitForAsyncUtils.waitForFxEvents();
        int recommended = fx(() -> sweep.model().resultProperty().get().recommendedWorkers().get("fixed"));
        robot.clickOn("#use-fixed");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(recommended, (int) fx(() -> window.dashboard().form().workersProperty().get()));
    }

    @Test
    void lessonPreset_loadsTheRunForm(FxRobot robot) throws Exception {
        showTab(robot, "Lessons");
        robot.clickOn("#preset-1"); // cpu-vs-cores: fixed pool, four workers per core
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(4 * Runtime.getRuntime().availableProcessors(), (int) fx(() -> window.dashboard().form().workersProperty().get()));
    }

    /** Loading a run with another workload rebuilds the parameter sheet once, after the form is filled. */
    @Test
    void lessonPresetWithAnotherWorkload_loadsTheRunForm(FxRobot robot) throws Exception {
        showTab(robot, "Lessons");
        robot.clickOn("#lessonNext"); // io-and-virtual-threads
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn("#preset-1"); // virtual threads, 1000 at once, io:millis=20
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("io", fx(() -> window.dashboard().form().workloadProperty().get()));
        assertEquals(1000, (int) fx(() -> window.dashboard().form().workersProperty().get()));
    }
}
