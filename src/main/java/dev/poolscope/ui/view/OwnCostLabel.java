package dev.poolscope.ui.view;

import dev.poolscope.ui.model.Format;
import dev.poolscope.ui.model.RunPhase;
import dev.poolscope.ui.run.OwnCpu;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.value.ObservableValue;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.util.Duration;

import java.util.function.Supplier;

/**
 * The status bar's account of what watching costs: while a run goes, the
 * dashboard process's own CPU as a share of the machine, once a second, and
 * when it ends the mean of those seconds; and a
 * warning if its priority could not be lowered.
 */
public final class OwnCostLabel extends Label {
    private final OwnCpu cpu;
    /** The per-second figures shown during the current run: their sum and count. */
    private double tickSum;
    private int tickCount;
    private final Supplier<String> priorityProblem;
    private final Timeline ticks;

    /**
     * @param phase the run's phase
     * @param cpu reads this process's CPU
     * @param priorityProblem why the dashboard's priority is not lowered, or null
     * @param where where runs execute (the tooltip says so)
     */
    public OwnCostLabel(ObservableValue<RunPhase> phase, OwnCpu cpu, Supplier<String> priorityProblem, String where) {
        this.cpu = cpu;
        this.priorityProblem = priorityProblem;
        getStyleClass().add("own-cost");
        setTooltip(new Tooltip("CPU used by the dashboard's own process, as a share of all cores. Runs: " + where + "."));
        ticks = new Timeline(new KeyFrame(Duration.seconds(1), e -> tick()));
        ticks.setCycleCount(Timeline.INDEFINITE);
        phase.addListener((o, was, now) -> {
            if (now.busy() && !was.busy()) {
                cpu.reset();
                tickSum = 0;
                tickCount = 0;
                ticks.play();
            } else if (!now.busy() && was.busy()) {
                ticks.stop();
                // the mean of the seconds shown while it went, not the last partial second (when the window
                // catches up on drawing, the run being over)
                show(tickCount == 0 ? -1 : tickSum / tickCount, " while the run went");
            }
        });
        show(-1, "");
    }

    private void tick() {
        double share = cpu.sample();
        if (share >= 0) {
            tickSum += share;
            tickCount++;
        }
        show(share, "");
    }

    private void show(double share, String when) {
        String problem = priorityProblem.get();
        String text = share < 0 ? "" : "dashboard CPU " + Format.percent(share) + " of the machine" + when;
        if (problem != null) {
            text = text.isEmpty() ? problem : text + " · " + problem;
        }
        setText(text);
    }
}
