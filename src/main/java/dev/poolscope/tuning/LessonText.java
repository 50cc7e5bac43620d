package dev.poolscope.tuning;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Placeholders in a lesson's answer and claim texts, filled from the runs'
 * measured figures:
 * <ul>
 * <li>{@code {A.throughput}}: run A's figure in its unit ({@code 1,195 tasks/s}, {@code 75.2 ms}, {@code 48%})</li>
 * <li>{@code {A.label}}: run A's label</li>
 * <li>{@code {B.throughput/A.throughput}}: the ratio of two figures ({@code 3.2})</li>
 * <li>{@code {cores}}: this machine's core count</li>
 * </ul>
 * A figure that was not measured shows as {@code n/a}. Stateless.
 */
public final class LessonText {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}]+)}");

    private LessonText() {
    }

    /** Problems with the placeholders in {@code text}, each as {@code field: reason}. */
    static List<String> problems(String field, String text, List<String> runIds) {
        List<String> p = new ArrayList<>();
        if (text == null) {
            return p;
        }
        Matcher m = PLACEHOLDER.matcher(text);
        while (m.find()) {
            String inside = m.group(1).trim();
            if (inside.equals("cores")) {
                continue;
            }
            String[] parts = inside.split("/", -1);
            if (parts.length > 2) {
                p.add(field + ": placeholder {" + inside + "} has more than one '/'");
                continue;
            }
            for (String part : parts) {
                String ref = part.trim();
                if (parts.length == 1 && ref.endsWith(".label")) {
                    String run = ref.substring(0, ref.length() - ".label".length());
                    if (!runIds.contains(run)) {
                        p.add(field + ": placeholder {" + inside + "} names unknown run '" + run + "'; runs: "
                                + String.join(", ", runIds));
                    }
                    continue;
                }
                List<String> inner = new ArrayList<>();
                LessonClaim.reference(field, ref, runIds, inner, true);
                inner.forEach(s -> p.add(s.replaceFirst(": ", ": placeholder {" + inside + "}: ")));
            }
        }
        return p;
    }

    /**
     * The text with its placeholders filled from {@code runs} (by run id).
     * Placeholders naming a run that is absent are left as written.
     */
    public static String fill(String text, Map<String, RunFigures> runs, int cores) {
        if (text == null) {
            return null;
        }
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String inside = m.group(1).trim();
            String value = value(inside, runs, cores);
            m.appendReplacement(sb, Matcher.quoteReplacement(value == null ? m.group() : value));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    private static String value(String inside, Map<String, RunFigures> runs, int cores) {
        if (inside.equals("cores")) {
            return Integer.toString(cores);
        }
        String[] parts = inside.split("/", -1);
        if (parts.length == 2) {
            Double a = number(parts[0].trim(), runs);
            Double b = number(parts[1].trim(), runs);
            if (a == null || b == null) {
                return null;
            }
            return b == 0 || a.isNaN() || b.isNaN() ? "n/a" : String.format(Locale.ROOT, "%.1f", a / b);
        }
        String ref = inside;
        int dot = ref.indexOf('.');
        if (dot < 0) {
            return null;
        }
        RunFigures run = runs.get(ref.substring(0, dot));
        if (run == null) {
            return null;
        }
        String key = ref.substring(dot + 1);
        if (key.equals("label")) {
            return run.label();
        }
        return LessonFigure.find(key).map(f -> f.format(run.get(f))).orElse(null);
    }

    /** The figure {@code RUN.FIGURE} of {@code runs}, or null if the run or figure is unknown. */
    static Double number(String ref, Map<String, RunFigures> runs) {
        int dot = ref.indexOf('.');
        if (dot < 0) {
            return null;
        }
        RunFigures run = runs.get(ref.substring(0, dot));
        Function<LessonFigure, Double> get = f -> run.get(f);
        return run == null ? null : LessonFigure.find(ref.substring(dot + 1)).map(get).orElse(null);
    }
}
