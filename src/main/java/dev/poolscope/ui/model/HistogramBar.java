package dev.poolscope.ui.model;

/** One bar of the live latency histogram: the bucket's upper bound as text and the tasks in it. */
public record HistogramBar(String label, long count) {
}
