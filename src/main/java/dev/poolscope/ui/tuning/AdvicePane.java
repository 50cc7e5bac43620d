package dev.poolscope.ui.tuning;

import dev.poolscope.engine.RunReport;
import dev.poolscope.tuning.Advice;
import dev.poolscope.tuning.Suggestion;
import dev.poolscope.ui.view.FxmlView;
import javafx.fxml.FXML;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;

/**
 * Advice after a run: one line per {@link Suggestion}, each with the figure it
 * rests on ({@code AdvicePane.fxml}). The dashboard calls {@link #show(RunReport)}
 * on the FX thread when a run ends ({@link Advice} is pure computation over the
 * report, so it is cheap).
 */
public final class AdvicePane extends VBox {
    @FXML private Label adviceHeading;
    @FXML private Label adviceEmpty;
    @FXML private VBox adviceLines;

    /** An empty pane. */
    public AdvicePane() {
        FxmlView.load(this, "AdvicePane.fxml");
    }

    /** Shows the advice for a finished run; null clears it. */
    public void show(RunReport report) {
        adviceLines.getChildren().clear();
        boolean shown = report != null;
        adviceHeading.setVisible(shown);
        adviceHeading.setManaged(shown);
        adviceEmpty.setVisible(!shown);
        adviceEmpty.setManaged(!shown);
        if (report == null) {
            return;
        }
        for (Suggestion s : Advice.of(report)) {
            Label l = new Label("\u2022 " + s.text() + "  [" + s.figure() + ": " + s.value() + "]");
            l.setWrapText(true);
            l.getStyleClass().add("advice");
            adviceLines.getChildren().add(l);
        }
    }
}
