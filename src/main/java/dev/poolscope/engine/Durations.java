package dev.poolscope.engine;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses and formats durations as users write them: {@code 250ms}, {@code 2s}, {@code 1.5m}, {@code 500us}, {@code PT1S}. */
public final class Durations {
    private static final Pattern FORM = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ns|us|µs|ms|s|m|h)");

    private Durations() {
    }

    /**
     * Parses a duration.
     *
     * @throws IllegalArgumentException if the text is not a duration
     */
    public static Duration parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("expected a duration like 100ms, 2s or 1m, got nothing");
        }
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.startsWith("pt") || t.startsWith("p")) {
            try {
                return Duration.parse(text.trim().toUpperCase(Locale.ROOT));
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("expected a duration like 100ms, 2s or 1m, got '" + text + "'");
            }
        }
        Matcher m = FORM.matcher(t);
        if (!m.matches()) {
            throw new IllegalArgumentException("expected a duration like 100ms, 2s or 1m, got '" + text + "'");
        }
        double v = Double.parseDouble(m.group(1));
        double nanos = switch (m.group(2)) {
            case "ns" -> v;
            case "us", "µs" -> v * 1e3;
            case "ms" -> v * 1e6;
            case "s" -> v * 1e9;
            case "m" -> v * 60e9;
            default -> v * 3600e9;
        };
        if (nanos > 1e18) {
            throw new IllegalArgumentException("duration '" + text + "' is too long");
        }
        return Duration.ofNanos(Math.round(nanos));
    }

    /** Formats a duration briefly, e.g. {@code 250ms}, {@code 2s}, {@code 1.5s}. */
    public static String format(Duration d) {
        long nanos = d.toNanos();
        if (nanos == 0) {
            return "0s";
        }
        if (nanos % 1_000_000_000L == 0) {
            return (nanos / 1_000_000_000L) + "s";
        }
        if (nanos % 1_000_000L == 0) {
            return (nanos / 1_000_000L) + "ms";
        }
        if (nanos % 1_000L == 0) {
            return (nanos / 1_000L) + "us";
        }
        return nanos + "ns";
    }
}
