package dev.poolscope.ui.view;

import dev.poolscope.ui.model.ChartPoint;
import dev.poolscope.ui.model.HistogramBar;
import dev.poolscope.ui.model.SeriesBuffer;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.scene.chart.XYChart;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns the view-models' plain points into chart data and keeps the chart in
 * step: each change to the model's list (append, thinning, clear, a bar's new
 * count) is applied to the chart's list as the same change. FX thread.
 */
public final class ChartData {
    private ChartData() {
    }

    /** A chart series that follows the buffer. */
    public static XYChart.Series<Number, Number> series(SeriesBuffer b) {
        ObservableList<XYChart.Data<Number, Number>> data = FXCollections.observableArrayList(points(b.data()));
        b.data().addListener((ListChangeListener<ChartPoint>) c -> {
            while (c.next()) {
                if (c.wasRemoved()) {
                    data.remove(c.getFrom(), c.getFrom() + c.getRemovedSize());
                }
                if (c.wasAdded()) {
                    data.addAll(c.getFrom(), points(c.getAddedSubList()));
                }
            }
        });
        return new XYChart.Series<>(b.name(), data);
    }

    /** A bar series that follows the bars; a bar whose count changed keeps its chart node. */
    public static XYChart.Series<String, Number> bars(String name, ObservableList<HistogramBar> bars) {
        ObservableList<XYChart.Data<String, Number>> data = FXCollections.observableArrayList(bars(bars));
        bars.addListener((ListChangeListener<HistogramBar>) c -> {
            while (c.next()) {
                if (c.wasReplaced() && c.getRemovedSize() == c.getAddedSize()) {
                    for (int i = c.getFrom(); i < c.getTo(); i++) {
                        XYChart.Data<String, Number> d = data.get(i);
                        HistogramBar b = c.getList().get(i);
                        if (!d.getXValue().equals(b.label())) {
                            d.setXValue(b.label());
                        }
                        d.setYValue(b.count());
                    }
                    continue;
                }
                if (c.wasRemoved()) {
                    data.remove(c.getFrom(), c.getFrom() + c.getRemovedSize());
                }
                if (c.wasAdded()) {
                    data.addAll(c.getFrom(), bars(c.getAddedSubList()));
                }
            }
        });
        return new XYChart.Series<>(name, data);
    }

    /** Fresh chart points with these values (a chart owns its data points). */
    public static List<XYChart.Data<Number, Number>> points(List<? extends ChartPoint> points) {
        List<XYChart.Data<Number, Number>> out = new ArrayList<>(points.size());
        for (ChartPoint p : points) {
            out.add(new XYChart.Data<>(p.x(), p.y()));
        }
        return out;
    }

    private static List<XYChart.Data<String, Number>> bars(List<? extends HistogramBar> bars) {
        List<XYChart.Data<String, Number>> out = new ArrayList<>(bars.size());
        for (HistogramBar b : bars) {
            out.add(new XYChart.Data<>(b.label(), b.count()));
        }
        return out;
    }
}
