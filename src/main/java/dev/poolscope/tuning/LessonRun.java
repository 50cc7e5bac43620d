package dev.poolscope.tuning;

import dev.poolscope.engine.RunReport;
import dev.poolscope.engine.RunSpec;

/**
 * One preset of a lesson, run (or not runnable here). Immutable.
 *
 * @param id the name claims use for it
 * @param preset the preset
 * @param spec the run on this machine, or null when it could not run
 * @param report what it measured, or null when it could not run
 * @param figures its figures, or null when it could not run
 * @param problem why it could not run; empty when it ran
 */
public record LessonRun(String id, LessonPreset preset, RunSpec spec, RunReport report, RunFigures figures,
                        String problem) {

    /** A run that ended. */
    public static LessonRun ran(String id, LessonPreset preset, RunReport report, double otherCores) {
        return new LessonRun(id, preset, report.spec(), report, RunFigures.of(id, preset.label(), report, otherCores), "");
    }

    /** A preset that could not run, with the reason. */
    public static LessonRun notRun(String id, LessonPreset preset, String problem) {
        return new LessonRun(id, preset, null, null, null, problem);
    }

    /** True if it ran. */
    public boolean ran() {
        return report != null;
    }
}
