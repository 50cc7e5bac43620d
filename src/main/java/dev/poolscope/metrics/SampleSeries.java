package dev.poolscope.metrics;

import java.util.ArrayList;
import java.util.List;

/**
 * A bounded series of sample points that keeps the whole run in view: when it
 * is full it drops every other point and from then on keeps one point in two
 * (then one in four, and so on). The newest point is always included. Thread-safe.
 */
public final class SampleSeries {
    private final int capacity;
    private final List<SamplePoint> points = new ArrayList<>();
    private int stride = 1;
    private long seen;
    private SamplePoint tail;

    /** A series holding at most {@code capacity} points (at least 16). */
    public SampleSeries(int capacity) {
        this.capacity = Math.max(16, capacity);
    }

    /** Offers the next point; it is kept if it falls on the current stride. */
    public synchronized void add(SamplePoint p) {
        if (seen++ % stride != 0) {
            tail = p; // shown as the newest point until a kept one supersedes it
            return;
        }
        tail = null;
        points.add(p);
        if (points.size() >= capacity) {
            List<SamplePoint> half = new ArrayList<>(capacity / 2 + 1);
            for (int i = 0; i < points.size(); i += 2) {
                half.add(points.get(i));
            }
            points.clear();
            points.addAll(half);
            stride *= 2;
        }
    }

    /** Adds a point unconditionally (the final sample of a run). */
    public synchronized void addLast(SamplePoint p) {
        tail = null;
        if (points.isEmpty() || points.get(points.size() - 1).elapsedMillis() != p.elapsedMillis()) {
            points.add(p);
        }
    }

    /** A copy of the points kept, oldest first. */
    public synchronized List<SamplePoint> points() {
        if (tail != null) {
            List<SamplePoint> copy = new ArrayList<>(points);
            copy.add(tail);
            return List.copyOf(copy);
        }
        return List.copyOf(points);
    }
}
