package dev.poolscope.ui;

import dev.poolscope.ui.model.RunPhase;
import dev.poolscope.ui.store.ViewSettingsStore;
import javafx.scene.chart.LineChart;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.kordamp.ikonli.javafx.FontIcon;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static dev.poolscope.ui.FxWait.fx;
import static dev.poolscope.ui.FxWait.waitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each view the main window is made of, through its own controller, in a real window. */
@ExtendWith(ApplicationExtension.class)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class DashboardViewsTest {
    @TempDir
    Path configDir;
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
        window.dashboard().close();
    }

    @Test
    void eachViewHasItsController_andTheShellHandsThemOut() {
        MainController main = window.controller();
        assertNotNull(main.menus());
        assertNotNull(main.runBar());
        assertNotNull(main.runForm());
        assertNotNull(main.liveCharts());
        assertNotNull(main.workers());
        assertNotNull(main.history());
    }

    @Test
    void runBar_hasIconsNotCharacters_andItsButtonsFollowTheForm(FxRobot robot) {
        Button run = robot.lookup("#runButton").queryButton();
        Button stop = robot.lookup("#stopButton").queryButton();
        assertInstanceOf(FontIcon.class, run.getGraphic());
        assertInstanceOf(FontIcon.class, stop.getGraphic());
        assertFalse(run.getText().contains("\u25b6"), run.getText());
        assertFalse(fx(run::isDisabled));
        assertTrue(fx(stop::isDisabled), "nothing to stop");
        fx(() -> {
            window.dashboard().form().tasksProperty().set("-3");
            return null;
        });
        waitUntil("Run disabled by the bad field", run::isDisabled);
        assertTrue(fx(() -> robot.lookup("#problemLabel").queryAs(Label.class).getText()).contains("Tasks"),
                "the run form names the field");
    }

    @Test
    void liveCharts_followTheModelsPlainPoints(FxRobot robot) {
        fx(() -> {
            window.dashboard().form().tasksProperty().set("400");
            window.dashboard().form().params().put("size", "3000");
            window.controller().onRun();
            return null;
        });
        waitUntil("the run's end", () -> window.dashboard().live().getPhase() == RunPhase.COMPLETED);
        LineChart<?, ?> throughput = robot.lookup("#throughputChart").queryAs(LineChart.class);
        assertEquals(fx(() -> window.dashboard().live().throughputSeries().size()),
                fx(() -> throughput.getData().get(0).getData().size()), "one chart point per model point");

    }

    @Test
    void workersView_listsTheRunsWorkers(FxRobot robot) {
        fx(() -> {
            window.dashboard().form().workersProperty().set(2);
            window.dashboard().form().tasksProperty().set("300");
            window.dashboard().form().params().put("size", "3000");
            window.controller().onRun();
            return null;
        });
        waitUntil("the run's end", () -> window.dashboard().live().getPhase() == RunPhase.COMPLETED);
        TableView<?> table = robot.lookup("#workerTable").queryAs(TableView.class);
        int rows = fx(() -> table.getItems().size());
        assertTrue(rows >= 1, "no worker listed");
        assertEquals(fx(() -> window.dashboard().live().workerRows().size()), rows, "one row per worker the model holds");
        assertTrue(fx(() -> robot.lookup("#killButton").queryButton().isDisabled()), "no run to kill a worker of");
    }

    @Test
    void viewMenu_switchesToTheDarkTheme_andRemembersIt() {
        fx(() -> {
            window.controller().menus().darkThemeItem().setSelected(true); // what a click on the item does
            return null;
        });
        waitUntil("the dark theme", () -> window.theme().getLook() == ThemeSwitch.Look.DARK);
        assertTrue(fx(() -> window.scene().lookup(".theme-dark") != null));
        assertEquals(ViewSettingsStore.Settings.DARK, new ViewSettingsStore(configDir).load().theme());
        fx(() -> {
            window.presenter().toggle();
            return null;
        });
        waitUntil("presenter mode", () -> window.presenter().presenterProperty().get());
        assertEquals(ViewSettingsStore.Settings.DARK, new ViewSettingsStore(configDir).load().theme(),
                "presenter mode keeps the remembered theme");
        fx(() -> {
            window.presenter().toggle();
            window.theme().lookProperty().set(ThemeSwitch.Look.LIGHT);
            return null;
        });
        assertEquals(ViewSettingsStore.Settings.LIGHT, new ViewSettingsStore(configDir).load().theme());
        assertFalse(fx(() -> window.scene().lookup(".theme-dark") != null));
    }
}
