package dev.poolscope.ui.model;

import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.ArrayList;
import java.util.List;

/**
 * A live series that stays small however long the run: once it holds
 * {@code capacity} points, the older half is thinned to every other point, so
 * recent points keep full resolution and the whole run stays in view. Plain
 * points; the view turns them into chart data. FX-thread only (or a single
 * thread in tests).
 */
public final class SeriesBuffer {
    private final String name;
    private final int capacity;
    private final ObservableList<ChartPoint> data = FXCollections.observableArrayList();
    private final ObservableList<ChartPoint> view = FXCollections.unmodifiableObservableList(data);

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
        data.add(new ChartPoint(x, y));
        if (data.size() > capacity) {
            int half = data.size() / 2;
            List<ChartPoint> kept = new ArrayList<>(capacity);
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

    /** The points, oldest first (read-only; listen to it to follow the series). */
    public ObservableList<ChartPoint> data() {
        return view;
    }

    /** Number of points held. */
    public int size() {
        return data.size();
    }
}
