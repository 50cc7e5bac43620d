package dev.poolscope.ui.tuning;

import dev.poolscope.engine.RunEngine;
import dev.poolscope.engine.RunSpec;
import javafx.scene.Node;
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
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
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
        // each pool's colour is a style class, the same for its dots and its fitted curve, another pool's differs
        Map<String, Set<String>> colours = WaitForAsyncUtils.asyncFx(() -> {
            Map<String, Set<String>> byPool = new TreeMap<>();
            for (var series : chart.getData()) {
                Node n = series.getName().endsWith("USL fit") ? series.getNode() : series.getData().get(0).getNode();
                byPool.computeIfAbsent(series.getName().split(" ")[0], k -> new TreeSet<>())
                        .addAll(n.getStyleClass().stream().filter(c -> c.startsWith("sweep-series-")).toList());
            }
            return byPool;
        }).get();
        assertEquals(Set.of("fixed", "virtual"), colours.keySet());
        assertTrue(colours.values().stream().allMatch(c -> c.size() == 1), colours.toString());
        assertFalse(colours.get("fixed").equals(colours.get("virtual")), colours.toString());
        assertTrue(WaitForAsyncUtils.asyncFx(() -> chart.getData().stream().allMatch(s -> s.getNode().getStyle().isEmpty()
                && s.getData().stream().allMatch(d -> d.getNode().getStyle().isEmpty()))).get(), "an inline style");
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
