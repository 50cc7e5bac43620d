package dev.poolscope.ui;

import java.lang.management.ManagementFactory;

/**
 * How long a scripted dashboard launch took to become useful: from the JVM's
 * start to the first frame of the shown window, and from pressing Run to the
 * first snapshot that shows a task started (snapshots come every sample
 * interval, 100 ms by default, so this is that coarse). -1 until measured.
 * Written on the FX thread, read after the window has closed.
 */
public final class LaunchTimings {
    private volatile double windowSeconds = -1;
    private volatile double firstTaskSeconds = -1;

    /** From the JVM's start to the window's first frame, in seconds, or -1. */
    public double windowSeconds() {
        return windowSeconds;
    }

    /** From pressing Run to the first task seen, in seconds, or -1. */
    public double firstTaskSeconds() {
        return firstTaskSeconds;
    }

    void windowShown() {
        if (windowSeconds < 0) {
            windowSeconds = (System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime()) / 1e3;
        }
    }

    void firstTask(long runPressedNanos) {
        if (firstTaskSeconds < 0) {
            firstTaskSeconds = (System.nanoTime() - runPressedNanos) / 1e9;
        }
    }
}
