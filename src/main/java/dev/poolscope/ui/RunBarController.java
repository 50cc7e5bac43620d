package dev.poolscope.ui;

import dev.poolscope.ui.model.LiveRunModel;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Tooltip;

/** The run bar: Run and Stop, the run's progress and the pool's current size. */
public final class RunBarController {
    private final Dashboard ctx;
    private final LiveRunModel live;
    private Runnable onRun = () -> { };

    @FXML private Button runButton;
    @FXML private Button stopButton;
    @FXML private ProgressBar progressBar;
    @FXML private Label progressLabel;
    @FXML private Label poolSizeLabel;

    public RunBarController(Dashboard ctx) {
        this.ctx = ctx;
        this.live = ctx.live();
    }

    @FXML
    private void initialize() {
        BooleanBinding busy = Bindings.createBooleanBinding(() -> live.getPhase().busy(), live.phaseProperty());
        runButton.disableProperty().bind(ctx.form().validProperty().not().or(busy));
        stopButton.disableProperty().bind(busy.not());
        runButton.setTooltip(new Tooltip("Run (F5 or Ctrl+R)"));
        stopButton.setTooltip(new Tooltip("Stop (Esc): queued tasks are cancelled, running ones interrupted"));
        progressBar.progressProperty().bind(live.progressProperty());
        progressLabel.textProperty().bind(live.progressTextProperty());
        poolSizeLabel.textProperty().bind(Bindings.createStringBinding(
                () -> live.getPhase().busy() ? "pool size " + live.poolSizeProperty().get() : "",
                live.poolSizeProperty(), live.phaseProperty()));
    }

    /** What the Run button does (the window's shell starts the run). */
    void setOnRun(Runnable onRun) {
        this.onRun = onRun;
    }

    @FXML
    private void onRun() {
        onRun.run();
    }

    @FXML
    private void onStop() {
        ctx.session().stop();
    }
}
