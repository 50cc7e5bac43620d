package dev.poolscope.tuning;

import dev.poolscope.engine.RunState;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Checks a lesson's claims against its runs' figures (see {@link LessonClaim}
 * for the comparisons), and when a claim does not hold says what the engine
 * can see that may explain it: other processes busy on the cores, a run too
 * short to reach steady state, a run that did not complete. Stateless; works on
 * fixed figures, so it is tested without timing.
 */
public final class ClaimCheck {
    /** Other processes' load, in cores, above which a run counts as disturbed. */
    public static final double BUSY_OTHER_CORES = 0.25;
    /** A run shorter than this, in seconds, may not have reached steady state. */
    public static final double SHORT_RUN_SECONDS = 0.5;
    /** Fewer samples than this and a run may not have reached steady state. */
    public static final int FEW_SAMPLES = 4;

    private ClaimCheck() {
    }

    /** Every claim of {@code lesson} against {@code runs}, in the lesson's order. */
    public static List<ClaimResult> checkAll(Lesson lesson, List<RunFigures> runs, int cores) {
        Map<String, RunFigures> byId = byId(runs);
        return lesson.claims().stream().map(c -> check(c, byId, cores)).toList();
    }

    /** The runs by id. */
    public static Map<String, RunFigures> byId(List<RunFigures> runs) {
        Map<String, RunFigures> byId = new LinkedHashMap<>();
        runs.forEach(r -> byId.put(r.id(), r));
        return byId;
    }

    /** One claim against the runs (by id). A claim on a run that is absent does not hold. */
    public static ClaimResult check(LessonClaim c, Map<String, RunFigures> runs, int cores) {
        String text = LessonText.fill(c.text(), runs, cores);
        Map<String, Double> figures = new LinkedHashMap<>();
        Set<String> missing = new LinkedHashSet<>();
        Double x = figure(c.figure(), runs, figures, missing);
        Double ref = c.than() != null ? figure(c.than(), runs, figures, missing) : c.value();
        if (!missing.isEmpty() || x == null || ref == null) {
            return new ClaimResult(c, text, false, figures, "not measured: run " + String.join(", ", missing)
                    + " did not run");
        }
        double r = ref * c.factor();
        double t = c.toleranceFraction();
        boolean held;
        switch (c.is()) {
            case "atMost" -> {
                double bound = r + t * Math.abs(r);
                figures.put("bound", round(bound));
                held = x <= bound;
            }
            case "atLeast" -> {
                double bound = r - t * Math.abs(r);
                figures.put("bound", round(bound));
                held = x >= bound;
            }
            case "lessThan" -> {
                double bound = r - t * Math.abs(r);
                figures.put("bound", round(bound));
                held = x < bound;
            }
            case "greaterThan" -> {
                double bound = r + t * Math.abs(r);
                figures.put("bound", round(bound));
                held = x > bound;
            }
            case "about" -> {
                figures.put("low", round(r - t * Math.abs(r)));
                figures.put("high", round(r + t * Math.abs(r)));
                held = Math.abs(x - r) <= t * Math.abs(r);
            }
            default -> throw new IllegalArgumentException("claim comparison '" + c.is() + "'");
        }
        if (Double.isNaN(x) || Double.isNaN(r)) {
            held = false;
        }
        return new ClaimResult(c, text, held, figures, held ? "" : likelyReason(c, runs, cores));
    }

    /** What the engine saw around the claim's runs that may explain a claim that did not hold. */
    static String likelyReason(LessonClaim c, Map<String, RunFigures> runs, int cores) {
        List<String> seen = new ArrayList<>();
        List<String> quiet = new ArrayList<>();
        for (String id : runIds(c)) {
            RunFigures r = runs.get(id);
            if (r == null) {
                continue;
            }
            double wall = r.get(LessonFigure.WALL_SECONDS);
            if (r.state() != RunState.COMPLETED) {
                seen.add("run " + id + " ended " + r.state().label() + ", not completed");
            }
            if (r.otherCores() >= BUSY_OTHER_CORES) {
                seen.add(String.format(Locale.ROOT, "other processes kept %.1f of %d cores busy during run %s",
                        r.otherCores(), cores, id));
            }
            if (wall < SHORT_RUN_SECONDS || r.samples() < FEW_SAMPLES) {
                seen.add(String.format(Locale.ROOT, "run %s lasted %.2f s (%d samples): too few tasks to reach "
                        + "steady state (start-up and JIT warm-up weigh in)", id, wall, r.samples()));
            }
            quiet.add(String.format(Locale.ROOT, "run %s: %.2f s, other processes %.2f cores", id, wall,
                    Double.isNaN(r.otherCores()) ? 0 : r.otherCores()));
        }
        if (!seen.isEmpty()) {
            return String.join("; ", seen);
        }
        return "the engine saw no interference (" + String.join("; ", quiet)
                + "): on this machine the figures do not show the lesson's point";
    }

    private static List<String> runIds(LessonClaim c) {
        List<String> ids = new ArrayList<>();
        for (String ref : new String[] {c.figure(), c.than()}) {
            if (ref != null && ref.indexOf('.') > 0) {
                String id = ref.substring(0, ref.indexOf('.'));
                if (!ids.contains(id)) {
                    ids.add(id);
                }
            }
        }
        return ids;
    }

    private static Double figure(String ref, Map<String, RunFigures> runs, Map<String, Double> out, Set<String> missing) {
        int dot = ref.indexOf('.');
        String id = ref.substring(0, dot);
        if (!runs.containsKey(id)) {
            missing.add(id);
            return null;
        }
        Double v = LessonText.number(ref, runs);
        if (v != null) {
            out.put(ref, round(v));
        }
        return v;
    }

    private static double round(double v) {
        return Double.isNaN(v) || Double.isInfinite(v) ? v : Math.round(v * 1000) / 1000.0;
    }
}
