package dev.poolscope.ui.tuning;

import dev.poolscope.tuning.ClaimResult;
import dev.poolscope.tuning.LessonFigure;
import dev.poolscope.tuning.LessonOutcome;
import dev.poolscope.tuning.LessonRun;
import dev.poolscope.ui.view.CompareCharts;
import dev.poolscope.ui.view.FxmlView;
import javafx.scene.chart.LineChart;
import javafx.fxml.FXML;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A played lesson's runs side by side: their figures in a table, their
 * throughput and p99 charts overlaid, the question, the answer with the
 * measured figures, and each claim marked held or not held with the figures it
 * rests on and, when it did not hold, the likely reason. The layout is
 * {@code LessonOutcomeView.fxml}; the figures table and the claims are filled in here.
 */
public final class LessonOutcomeView extends VBox {
    private static final List<LessonFigure> TABLE = List.of(LessonFigure.WORKERS, LessonFigure.THROUGHPUT,
            LessonFigure.P50, LessonFigure.P99, LessonFigure.MEAN_SERVICE, LessonFigure.SUCCEEDED, LessonFigure.FAILED,
            LessonFigure.REJECTED, LessonFigure.RESTARTS, LessonFigure.WALL_SECONDS, LessonFigure.CPU);

    @FXML private Label outcomeSummary;
    @FXML private GridPane outcomeFigures;
    @FXML private LineChart<Number, Number> outcomeThroughput;
    @FXML private LineChart<Number, Number> outcomeLatency;
    @FXML private Label outcomeQuestion;
    @FXML private VBox answerSection;
    @FXML private Label outcomeAnswer;
    @FXML private VBox outcomeClaims;

    /** The outcome's view. */
    public LessonOutcomeView(LessonOutcome o) {
        FxmlView.load(this, "LessonOutcomeView.fxml");
        long held = o.claims().stream().filter(ClaimResult::held).count();
        outcomeSummary.setText("On this machine (" + o.cores() + " cores): " + held + " of " + o.claims().size()
                + " claims held");
        outcomeSummary.getStyleClass().add(o.held() ? "claim-held" : "claim-not-held");
        figures(outcomeFigures, o);

        List<CompareCharts.Run> series = new ArrayList<>();
        for (LessonRun r : o.runs()) {
            if (r.ran()) {
                series.add(new CompareCharts.Run(r.id() + ": " + r.preset().label(), r.report().samples()));
            }
        }
        CompareCharts.overlay(outcomeThroughput, series, CompareCharts.THROUGHPUT);
        CompareCharts.overlay(outcomeLatency, series, CompareCharts.P99_MILLIS);

        outcomeQuestion.setText(o.lesson().question());
        answerSection.setVisible(o.answer() != null);
        answerSection.setManaged(o.answer() != null);
        outcomeAnswer.setText(o.answer() == null ? "" : o.answer());
        for (int i = 0; i < o.claims().size(); i++) {
            outcomeClaims.getChildren().add(claim(o.claims().get(i), i));
        }
    }

    private static void figures(GridPane g, LessonOutcome o) {
        g.add(cell("", "compare-header"), 0, 0);
        for (int c = 0; c < o.runs().size(); c++) {
            LessonRun r = o.runs().get(c);
            g.add(cell(r.id() + ": " + r.preset().label(), "compare-header"), c + 1, 0);
        }
        int row = 1;
        for (LessonFigure f : TABLE) {
            g.add(cell(f.key(), "figure-name"), 0, row);
            for (int c = 0; c < o.runs().size(); c++) {
                LessonRun r = o.runs().get(c);
                g.add(cell(r.ran() ? f.format(r.figures().get(f)) : "not run", "compare-value"), c + 1, row);
            }
            row++;
        }
        g.add(cell("other processes", "figure-name"), 0, row);
        for (int c = 0; c < o.runs().size(); c++) {
            LessonRun r = o.runs().get(c);
            String text = !r.ran() ? r.problem()
                    : Double.isNaN(r.figures().otherCores()) ? "unknown"
                    : String.format(Locale.ROOT, "%.2f cores", r.figures().otherCores());
            g.add(cell(text, "compare-value"), c + 1, row);
        }
    }

    private static VBox claim(ClaimResult c, int index) {
        Label mark = new Label(c.held() ? "Held" : "Not held");
        mark.setId("claim-" + index + "-verdict");
        mark.getStyleClass().addAll("claim-verdict", c.held() ? "claim-held" : "claim-not-held");
        Label text = wrapped(c.text(), "claim-text");
        HBox line = new HBox(8, mark, text);
        HBox.setHgrow(text, Priority.ALWAYS);
        List<String> parts = new ArrayList<>();
        for (Map.Entry<String, Double> e : c.figures().entrySet()) {
            parts.add(e.getKey() + " = " + String.format(Locale.ROOT, "%,.3f", e.getValue()));
        }
        VBox box = new VBox(2, line, wrapped("Rests on: " + String.join(", ", parts), "claim-figures"));
        if (!c.held()) {
            Label why = wrapped("Likely reason: " + c.reason(), "claim-reason");
            why.setId("claim-" + index + "-reason");
            box.getChildren().add(why);
        }
        box.getStyleClass().add("claim");
        return box;
    }

    private static Label cell(String text, String style) {
        Label l = new Label(text);
        l.getStyleClass().add(style);
        return l;
    }

    private static Label wrapped(String text, String style) {
        Label l = new Label(text);
        l.setWrapText(true);
        l.setMinHeight(Region.USE_PREF_SIZE);
        l.getStyleClass().add(style);
        return l;
    }
}
