package dev.poolscope.ui.tuning;

import dev.poolscope.tuning.ClaimResult;
import dev.poolscope.tuning.LessonFigure;
import dev.poolscope.tuning.LessonOutcome;
import dev.poolscope.tuning.LessonRun;
import dev.poolscope.ui.view.CompareCharts;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
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
 * rests on and, when it did not hold, the likely reason.
 */
public final class LessonOutcomeView extends VBox {
    private static final List<LessonFigure> TABLE = List.of(LessonFigure.WORKERS, LessonFigure.THROUGHPUT,
            LessonFigure.P50, LessonFigure.P99, LessonFigure.MEAN_SERVICE, LessonFigure.SUCCEEDED, LessonFigure.FAILED,
            LessonFigure.REJECTED, LessonFigure.RESTARTS, LessonFigure.WALL_SECONDS, LessonFigure.CPU);

    /** The outcome's view. */
    public LessonOutcomeView(LessonOutcome o) {
        super(8);
        setId("lessonOutcome");
        getStyleClass().add("lesson-outcome");
        long held = o.claims().stream().filter(ClaimResult::held).count();
        Label title = new Label("On this machine (" + o.cores() + " cores): " + held + " of " + o.claims().size()
                + " claims held");
        title.setId("outcomeSummary");
        title.getStyleClass().addAll("lesson-heading", "outcome-summary", o.held() ? "claim-held" : "claim-not-held");
        getChildren().addAll(title, figures(o));

        List<CompareCharts.Run> series = new ArrayList<>();
        for (LessonRun r : o.runs()) {
            if (r.ran()) {
                series.add(new CompareCharts.Run(r.id() + ": " + r.preset().label(), r.report().samples()));
            }
        }
        LineChart<Number, Number> throughput = chart("Throughput (tasks/s)");
        throughput.setId("outcomeThroughput");
        CompareCharts.overlay(throughput, series, CompareCharts.THROUGHPUT);
        LineChart<Number, Number> p99 = chart("p99 latency (ms)");
        p99.setId("outcomeLatency");
        CompareCharts.overlay(p99, series, CompareCharts.P99_MILLIS);
        HBox charts = new HBox(8, throughput, p99);
        HBox.setHgrow(throughput, Priority.ALWAYS);
        HBox.setHgrow(p99, Priority.ALWAYS);
        getChildren().add(charts);

        getChildren().addAll(heading("Question"), wrapped(o.lesson().question(), "lesson-question"));
        if (o.answer() != null) {
            Label answer = wrapped(o.answer(), "outcome-answer");
            answer.setId("outcomeAnswer");
            getChildren().addAll(heading("Answer, with this machine's figures"), answer);
        }
        getChildren().add(heading("Claims"));
        for (int i = 0; i < o.claims().size(); i++) {
            getChildren().add(claim(o.claims().get(i), i));
        }
    }

    private static GridPane figures(LessonOutcome o) {
        GridPane g = new GridPane();
        g.setId("outcomeFigures");
        g.getStyleClass().add("outcome-figures");
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
        return g;
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

    private static LineChart<Number, Number> chart(String title) {
        NumberAxis x = new NumberAxis();
        x.setLabel("seconds");
        LineChart<Number, Number> c = new LineChart<>(x, new NumberAxis());
        c.setTitle(title);
        c.setAnimated(false);
        c.setCreateSymbols(false);
        c.setPrefHeight(220);
        c.setMinWidth(200);
        return c;
    }

    private static Label cell(String text, String style) {
        Label l = new Label(text);
        l.getStyleClass().add(style);
        return l;
    }

    private static Label heading(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("lesson-heading");
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
