package dev.poolscope.ui.view;

import dev.poolscope.metrics.SamplePoint;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.XYChart;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/** Overlays runs' sampled series on one chart (History's compare, a played lesson's runs). */
public final class CompareCharts {
    /** One run's series: its name in the legend and its samples. */
    public record Run(String name, List<SamplePoint> samples) {
    }

    private CompareCharts() {
    }

    /** The throughput of each run over time, in tasks/s. */
    public static final ToDoubleFunction<SamplePoint> THROUGHPUT = SamplePoint::throughputPerSecond;
    /** The interval p99 latency of each run over time, in ms. */
    public static final ToDoubleFunction<SamplePoint> P99_MILLIS = p -> p.p99Micros() / 1000;
    /** The queue depth over time. */
    public static final ToDoubleFunction<SamplePoint> QUEUE = p -> (double) p.queueDepth();
    /** The CPU use over time, in percent. */
    public static final ToDoubleFunction<SamplePoint> CPU_PERCENT = p -> p.cpuFraction() < 0 ? 0 : p.cpuFraction() * 100;

    /** Series colours a chart cycles through (JavaFX's {@code default-color0..7}). */
    public static final int COLOURS = 8;

    /**
     * A swatch in the colour the charts draw run {@code index} in: the style classes of the chart's own
     * legend symbol, so it follows the theme's series colours.
     */
    public static javafx.scene.layout.Region swatch(int index) {
        javafx.scene.layout.Region r = new javafx.scene.layout.Region();
        r.getStyleClass().addAll("chart-legend-item-symbol", "chart-line-symbol", "series" + index,
                "default-color" + (index % COLOURS), "compare-swatch");
        r.setMinSize(12, 12);
        r.setMaxSize(12, 12);
        return r;
    }

    /** A legend for overlaid runs: each run's name beside a swatch of its colour. */
    public static javafx.scene.layout.FlowPane legend(List<String> names) {
        javafx.scene.layout.FlowPane p = new javafx.scene.layout.FlowPane(16, 4);
        p.setId("compareLegend");
        p.getStyleClass().add("compare-legend");
        for (int i = 0; i < names.size(); i++) {
            javafx.scene.control.Label l = new javafx.scene.control.Label(names.get(i), swatch(i));
            l.getStyleClass().add("compare-legend-item");
            p.getChildren().add(l);
        }
        return p;
    }

    /** Replaces the chart's series with one per run; x is seconds since the run began. */
    public static void overlay(LineChart<Number, Number> chart, List<Run> runs, ToDoubleFunction<SamplePoint> y) {
        List<XYChart.Series<Number, Number>> all = new ArrayList<>();
        for (Run r : runs) {
            XYChart.Series<Number, Number> s = new XYChart.Series<>();
            s.setName(r.name());
            List<XYChart.Data<Number, Number>> points = new ArrayList<>(r.samples().size());
            for (SamplePoint p : r.samples()) {
                points.add(new XYChart.Data<>(p.elapsedMillis() / 1000.0, y.applyAsDouble(p)));
            }
            s.getData().setAll(points);
            all.add(s);
        }
        chart.getData().setAll(all);
    }
}
