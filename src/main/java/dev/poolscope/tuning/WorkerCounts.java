package dev.poolscope.tuning;

import dev.poolscope.engine.InvalidSpecException;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Parses the worker counts of a sweep as users write them: a list
 * {@code 1,2,4,8}, a range {@code 1..16}, a range with a step {@code 2..32:2},
 * a doubling range {@code 1..64:x2}, or a mix {@code 1..4,8,16}. The result is
 * sorted and free of duplicates; a range always includes its end.
 */
public final class WorkerCounts {
    /** The most points one sweep may have per pool kind. */
    public static final int MAX_POINTS = 256;

    private static final String FORMS = "expected a list like 1,2,4,8, a range like 1..16, a step like 2..32:2 or a doubling range like 1..64:x2";

    private WorkerCounts() {
    }

    /**
     * Parses worker counts.
     *
     * @param text the text as given to {@code --workers}
     * @param max the largest count allowed (the smallest {@code maxWorkers} of the pools swept)
     * @throws InvalidSpecException for {@code --workers}, naming what is wrong and the allowed forms
     */
    public static List<Integer> parse(String text, int max) {
        if (text == null || text.isBlank()) {
            throw new InvalidSpecException("--workers", FORMS + ", got nothing");
        }
        TreeSet<Integer> counts = new TreeSet<>();
        for (String raw : text.split(",")) {
            String part = raw.trim();
            if (part.isEmpty()) {
                throw new InvalidSpecException("--workers", "empty item in '" + text + "'; " + FORMS);
            }
            int dots = part.indexOf("..");
            if (dots < 0) {
                counts.add(number(part, text, max));
                continue;
            }
            String fromText = part.substring(0, dots);
            String rest = part.substring(dots + 2);
            String stepText = null;
            int colon = rest.indexOf(':');
            if (colon >= 0) {
                stepText = rest.substring(colon + 1).trim();
                rest = rest.substring(0, colon);
            }
            int from = number(fromText, text, max);
            int to = number(rest, text, max);
            if (from > to) {
                throw new InvalidSpecException("--workers", "range '" + part + "' runs backwards; write the smaller count first, e.g. "
                        + to + ".." + from);
            }
            if (stepText == null) {
                addAll(counts, from, to, 1, false, text);
            } else if (stepText.startsWith("x") || stepText.startsWith("*")) {
                int factor = positive(stepText.substring(1), "doubling factor", text);
                if (factor < 2) {
                    throw new InvalidSpecException("--workers", "the factor in '" + part + "' must be at least 2");
                }
                addAll(counts, from, to, factor, true, text);
            } else {
                addAll(counts, from, to, positive(stepText, "step", text), false, text);
            }
        }
        return List.copyOf(new ArrayList<>(counts));
    }

    private static void addAll(TreeSet<Integer> counts, int from, int to, int step, boolean geometric, String text) {
        for (long n = from; n <= to; n = geometric ? n * step : n + step) {
            counts.add((int) n);
            if (counts.size() > MAX_POINTS) {
                throw new InvalidSpecException("--workers", "'" + text + "' gives more than " + MAX_POINTS
                        + " worker counts; use a step (e.g. 1..1000:50) or a doubling range (e.g. 1..1024:x2)");
            }
        }
        counts.add(to);
    }

    private static int number(String s, String text, int max) {
        String t = s.trim();
        int n;
        try {
            n = Integer.parseInt(t);
        } catch (NumberFormatException e) {
            throw new InvalidSpecException("--workers", "'" + t + "' is not a whole number in '" + text + "'; " + FORMS);
        }
        if (n < 1 || n > max) {
            throw new InvalidSpecException("--workers", "worker counts must be between 1 and " + max + ", got " + n);
        }
        return n;
    }

    private static int positive(String s, String what, String text) {
        try {
            int n = Integer.parseInt(s.trim());
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // fall through to the message
        }
        throw new InvalidSpecException("--workers", "the " + what + " in '" + text + "' must be a whole number of at least 1; " + FORMS);
    }

    /** Formats counts compactly, e.g. {@code 1..8} or {@code 1,2,4,8}. */
    public static String format(List<Integer> counts) {
        if (counts.isEmpty()) {
            return "";
        }
        boolean contiguous = counts.size() > 2;
        for (int i = 1; i < counts.size() && contiguous; i++) {
            contiguous = counts.get(i) == counts.get(i - 1) + 1;
        }
        if (contiguous) {
            return counts.get(0) + ".." + counts.get(counts.size() - 1);
        }
        return String.join(",", counts.stream().map(String::valueOf).toList());
    }
}
