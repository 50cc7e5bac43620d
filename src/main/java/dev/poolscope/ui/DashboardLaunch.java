package dev.poolscope.ui;

import dev.poolscope.engine.RunSpec;

import java.nio.file.Path;

/**
 * How the dashboard opens: a spec to fill the form with (or null for the
 * form's defaults), whether to press Run at once, how many runs to make in a
 * row that way, whether to close when the last of them ends, and where to
 * write that run's report as JSON (or null), and where to write a JFR
 * recording of the scripted runs (or null).
 */
public record DashboardLaunch(RunSpec spec, boolean start, int runs, boolean quitAfterRun, Path json, Path jfr) {
    /** The plain dashboard: default form, nothing pressed. */
    public static final DashboardLaunch PLAIN = new DashboardLaunch(null, false, 1, false, null, null);

    public DashboardLaunch {
        if (runs < 1) {
            throw new IllegalArgumentException("--runs: must be 1 or more, was " + runs);
        }
    }

    /** True if the window does anything by itself. */
    public boolean scripted() {
        return spec != null || start || quitAfterRun || json != null || jfr != null;
    }
}
