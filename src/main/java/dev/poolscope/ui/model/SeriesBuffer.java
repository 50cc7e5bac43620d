package dev.poolscope.ui.model;

import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.scene.chart.XYChart;

import java.util.ArrayList;
import java.util.List;

/**
 * A chart series that stays small however long the run: once it holds
 * {@code capacity} points, the older half is thinned to every other point, so
 * recent points keep full resolution and the whole run stays in view.
 * FX-thread only (or a single thread in tests).
 */
public final class SeriesBuffer {
    private final String name;
    private final int capacity;
    private final ObservableList<XYChart.Data<Number, Number>> data = FXCollections.observableArrayList();
    private final ObservableList<XYChart.Data<Number, Number>> view = FXCollections.unmodifiableObservableList(data);

    /** A buffer of at most {@code capacity} points (at least 8). */
    public SeriesBuffer(String name, int capacity) {
        this.name = name;
        this.capacity = Math.max(8, capacity);
    }

    /** The series' name, for legends. */
    public String name() {
        return name;
    }

    /** Appends a point, thinning old points when full. */
    public void add(double x, double y) {
        if (Double.isNaN(y) || Double.isInfinite(y)) {
            y = 0;
        }
        data.add(new XYChart.Data<>(x, y));
        if (data.size() > capacity) {
            int half = data.size() / 2;
            List<XYChart.Data<Number, Number>> kept = new ArrayList<>(capacity);
            for (int i = 0; i < half; i += 2) {
                kept.add(data.get(i));
            }
            kept.addAll(data.subList(half, data.size()));
            data.setAll(kept);
        }
    }

    /** Removes every point. */
    public void clear() {
        data.clear();
    }

    /** The points, oldest first (read-only). */
    public ObservableList<XYChart.Data<Number, Number>> data() {
        return view;
    }

    /** A new list of fresh points with the same values (a chart owns its data points). */
    public List<XYChart.Data<Number, Number>> copy() {
        List<XYChart.Data<Number, Number>> out = new ArrayList<>(data.size());
        data.forEach(d -> out.add(new XYChart.Data<>(d.getXValue(), d.getYValue())));
        return out;
    }

    /** Number of points held. */
    public int size() {
        return data.size();
    }
}
