package dev.poolscope.tuning;

import dev.poolscope.engine.RunReport;
import dev.poolscope.engine.RunState;

import java.util.EnumMap;
import java.util.Map;

/**
 * One lesson run's figures, as claims read them, with what the engine saw
 * around the run (other processes' load, how long it lasted). Immutable.
 *
 * @param id the name claims use for the run ({@code A}, {@code B}, ... or the preset's id)
 * @param label the preset's label
 * @param values every {@link LessonFigure} of the run
 * @param otherCores cores kept busy by other processes during the run, on average (NaN if unknown)
 * @param samples how many samples the run recorded
 * @param state how the run ended
 */
public record RunFigures(String id, String label, Map<LessonFigure, Double> values, double otherCores, int samples,
                         RunState state) {

    public RunFigures {
        values = Map.copyOf(values);
    }

    /** The figures of a finished run. */
    public static RunFigures of(String id, String label, RunReport r, double otherCores) {
        Map<LessonFigure, Double> v = new EnumMap<>(LessonFigure.class);
        for (LessonFigure f : LessonFigure.values()) {
            v.put(f, f.of(r));
        }
        return new RunFigures(id, label, v, otherCores, r.samples().size(), r.state());
    }

    /** One figure; NaN if it was not measured. */
    public double get(LessonFigure f) {
        return values.getOrDefault(f, Double.NaN);
    }
}
