package dev.poolscope.tuning;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A claim a lesson makes about its runs, as data: one run's figure compared
 * with another run's figure (or a number), with a tolerance. For example
 * "run B's throughput is at most run A's, within 10%":
 * {@code {"text": "...", "figure": "B.throughput", "is": "atMost", "than": "A.throughput", "tolerance": "10%"}}.
 *
 * <p>With reference {@code r = times * (than or value)} and tolerance {@code t}
 * (a fraction of {@code r}), the figure {@code x} holds the claim when
 * <ul>
 * <li>{@code atMost}: {@code x <= r * (1 + t)}</li>
 * <li>{@code atLeast}: {@code x >= r * (1 - t)}</li>
 * <li>{@code lessThan}: {@code x < r * (1 - t)} (lower by more than the tolerance)</li>
 * <li>{@code greaterThan}: {@code x > r * (1 + t)}</li>
 * <li>{@code about}: {@code |x - r| <= t * |r|}</li>
 * </ul>
 *
 * @param text the claim in words; may quote figures as placeholders (see {@link LessonText})
 * @param figure {@code RUN.FIGURE}, e.g. {@code B.throughput}
 * @param is the comparison: {@code atMost}, {@code atLeast}, {@code lessThan}, {@code greaterThan}, {@code about}
 * @param than {@code RUN.FIGURE} to compare with, or null when {@code value} is given
 * @param value a number to compare with (in the figure's unit), or null when {@code than} is given
 * @param times a factor on the reference, or null for 1 (e.g. 3 for "at least three times")
 * @param tolerance a fraction such as {@code 0.1} or a percentage such as {@code "10%"}; null for none
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LessonClaim(String text, String figure, String is, String than, Double value, Double times,
                          String tolerance) {

    /** The comparisons a claim may make. */
    public static final Set<String> COMPARISONS = Set.of("atMost", "atLeast", "lessThan", "greaterThan", "about");

    /** The tolerance as a fraction (0 when none); NaN if it does not parse. */
    public double toleranceFraction() {
        if (tolerance == null || tolerance.isBlank()) {
            return 0;
        }
        String t = tolerance.trim();
        try {
            double v = t.endsWith("%") ? Double.parseDouble(t.substring(0, t.length() - 1).trim()) / 100
                    : Double.parseDouble(t);
            return v >= 0 && v < 10 ? v : Double.NaN;
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    /** The factor on the reference. */
    public double factor() {
        return times == null ? 1 : times;
    }

    /**
     * What is wrong with this claim, each as {@code field: reason}, given the
     * lesson's run names; empty if it is complete.
     *
     * @param at the claim's place in the lesson, e.g. {@code claims[0]}
     */
    List<String> problems(String at, List<String> runIds) {
        List<String> p = new ArrayList<>();
        if (text == null || text.isBlank()) {
            p.add(at + ".text: is missing");
        }
        reference(at + ".figure", figure, runIds, p, true);
        if (is == null || !COMPARISONS.contains(is)) {
            p.add(at + ".is: " + (is == null ? "is missing" : "'" + is + "' is not a comparison")
                    + "; allowed: atMost, atLeast, lessThan, greaterThan, about");
        }
        if ((than == null) == (value == null)) {
            p.add(at + ": give exactly one of 'than' (RUN.FIGURE) and 'value' (a number)");
        } else if (than != null) {
            reference(at + ".than", than, runIds, p, true);
        } else if (value.isNaN() || value.isInfinite()) {
            p.add(at + ".value: must be a finite number");
        }
        if (times != null && !(times > 0 && times < 1e6)) {
            p.add(at + ".times: must be above 0, was " + times);
        }
        if (Double.isNaN(toleranceFraction())) {
            p.add(at + ".tolerance: '" + tolerance + "' is not a fraction (0.1) or percentage (\"10%\") below 1000%");
        }
        return p;
    }

    /** Checks {@code RUN.FIGURE}; adds a problem and returns false if it is wrong. */
    static boolean reference(String field, String ref, List<String> runIds, List<String> problems, boolean required) {
        if (ref == null || ref.isBlank()) {
            if (required) {
                problems.add(field + ": is missing (write RUN.FIGURE, e.g. A.throughput)");
            }
            return false;
        }
        int dot = ref.indexOf('.');
        if (dot < 0) {
            problems.add(field + ": '" + ref + "' is not RUN.FIGURE (e.g. A.throughput)");
            return false;
        }
        String run = ref.substring(0, dot);
        String fig = ref.substring(dot + 1);
        boolean ok = true;
        if (!runIds.contains(run)) {
            problems.add(field + ": unknown run '" + run + "'; runs: " + String.join(", ", runIds));
            ok = false;
        }
        if (LessonFigure.find(fig).isEmpty()) {
            problems.add(field + ": unknown figure '" + fig + "'; figures: " + String.join(", ", LessonFigure.keys()));
            ok = false;
        }
        return ok;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s %s %s", figure, is, than != null ? than : value);
    }
}
