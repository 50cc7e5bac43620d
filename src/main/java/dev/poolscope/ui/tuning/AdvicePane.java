package dev.poolscope.ui.tuning;

import dev.poolscope.engine.RunReport;
import dev.poolscope.tuning.Advice;
import dev.poolscope.tuning.Suggestion;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;

/**
 * Advice after a run: one line per {@link Suggestion}, each with the figure it
 * rests on. The dashboard calls {@link #show(RunReport)} on the FX thread when
 * a run ends ({@link Advice} is pure computation over the report, so it is cheap).
 */
public final class AdvicePane extends VBox {

    /** An empty pane. */
    public AdvicePane() {
        super(4);
        setId("advicePane");
        setPadding(new Insets(6));
        getStylesheets().add(AdvicePane.class.getResource("tuning.css").toExternalForm());
    }

    /** Shows the advice for a finished run; null clears it. */
    public void show(RunReport report) {
        getChildren().clear();
        if (report == null) {
            return;
        }
        Label heading = new Label("Advice from this run");
        heading.getStyleClass().add("lesson-heading");
        getChildren().add(heading);
        for (Suggestion s : Advice.of(report)) {
            Label l = new Label("\u2022 " + s.text() + "  [" + s.figure() + ": " + s.value() + "]");
            l.setWrapText(true);
            l.getStyleClass().add("advice");
            getChildren().add(l);
        }
    }
}
