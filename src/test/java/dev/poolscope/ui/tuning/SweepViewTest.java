package dev.poolscope.ui.tuning;

import dev.poolscope.engine.RunEngine;
import dev.poolscope.engine.RunSpec;
import javafx.scene.Scene;
import javafx.scene.chart.LineChart;
import javafx.scene.control.Button;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Sweep view headless: start a tiny sweep, see points and the recommendation, hand the run back. */
@ExtendWith(ApplicationExtension.class)
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class SweepViewTest {
    private final CompletableFuture<RunSpec> used = new CompletableFuture<>();
    private SweepView view;

    @Start
    void start(Stage stage) {
        view = new SweepView(RunEngine.standard(), used::complete);
        view.model().workersProperty().set("1,2,3");
        view.model().workloadProperty().set("cpu:size=1000");
        view.model().tasksProperty().set("30");
        view.model().repeatProperty().set("1");
        stage.setScene(new Scene(view, 1000, 700));
        stage.show();
    }

    @Test
    void sweep_plotsPoints_andTheUseButtonHandsBackTheRecommendedRun(FxRobot robot) throws Exception {
        robot.clickOn("#pool-virtual");
        robot.clickOn("#sweepStart");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(
                () -> view.model().phaseProperty().get() == SweepViewModel.Phase.DONE).get());
        WaitForAsyncUtils.waitForFxEvents();

        @SuppressWarnings("unchecked")
        LineChart<Number, Number> chart = robot.lookup("#sweepChart").queryAs(LineChart.class);
        int plotted = WaitForAsyncUtils.asyncFx(() -> chart.getData().stream()
                .filter(s -> s.getName().endsWith("measured")).mapToInt(s -> s.getData().size()).sum()).get();
        assertEquals(6, plotted);
        boolean curves = WaitForAsyncUtils.asyncFx(() -> chart.getData().stream()
                .anyMatch(s -> s.getName().endsWith("USL fit"))).get();
        assertTrue(curves);
        String explanation = robot.lookup("#sweepExplanation").queryLabeled().getText();
        assertTrue(explanation.contains("fixed:") && explanation.contains("\nvirtual:"), explanation);

        Button use = robot.lookup("#use-virtual").queryButton();
        assertFalse(use.isDisabled());
        robot.clickOn(use);
        RunSpec spec = used.get(10, TimeUnit.SECONDS);
        assertEquals("virtual", spec.pool());
        assertTrue(use.getText().contains(" " + spec.workers() + " worker"), use.getText());
    }

    @Test
    void badInput_showsTheErrorLine(FxRobot robot) {
        robot.interact(() -> view.model().workersProperty().set("lots"));
        robot.clickOn("#sweepStart");
        WaitForAsyncUtils.waitForFxEvents();
        String error = robot.lookup("#sweepError").queryLabeled().getText();
        assertTrue(error.startsWith("--workers"), error);
    }
}
