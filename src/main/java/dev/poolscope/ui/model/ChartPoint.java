package dev.poolscope.ui.model;

/** One point of a live series: x in seconds since the run began, y in the series' unit. */
public record ChartPoint(double x, double y) {
}
