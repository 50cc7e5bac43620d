package dev.poolscope.tuning;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A worker count as a lesson writes it: a plain number ({@code 8}) or a count
 * relative to the machine's cores ({@code cores}, {@code 2*cores},
 * {@code cores+2}, {@code cores/2}), so that a lesson written on one machine
 * makes its point on another. A relative count resolves to at least 1.
 * Immutable.
 *
 * @param text the count as written, normalised (no spaces, lower case)
 */
public record WorkerCount(String text) {
    private static final Pattern NUMBER = Pattern.compile("\\d{1,6}");
    private static final Pattern RELATIVE = Pattern.compile(
            "(?:(\\d{1,4})\\*)?cores(?:([*/+-])(\\d{1,4}))?");

    /**
     * Parses a count.
     *
     * @throws IllegalArgumentException naming the allowed forms
     */
    public WorkerCount {
        if (text == null) {
            throw new IllegalArgumentException("a worker count is missing");
        }
        text = text.replace(" ", "").toLowerCase(Locale.ROOT);
        if (!NUMBER.matcher(text).matches() && !RELATIVE.matcher(text).matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a worker count; allowed: a number, 'cores', "
                    + "'K*cores', 'cores*K', 'cores+K', 'cores-K' or 'cores/K'");
        }
    }

    /** A fixed count. */
    public static WorkerCount of(int n) {
        return new WorkerCount(Integer.toString(n));
    }

    /** Reads a count from a JSON number. */
    @JsonCreator
    public static WorkerCount fromJson(Object json) {
        if (json instanceof Number n) {
            if (n.doubleValue() != Math.rint(n.doubleValue())) {
                throw new IllegalArgumentException(n + " is not a whole number of workers");
            }
            return of(n.intValue());
        }
        if (json instanceof String s) {
            return new WorkerCount(s);
        }
        throw new IllegalArgumentException("a worker count is a number or a text such as \"2*cores\"");
    }

    /** A plain number as a JSON number, a relative count as text. */
    @JsonValue
    public Object toJson() {
        return relative() ? text : Integer.parseInt(text);
    }

    /** True if this count depends on the machine. */
    public boolean relative() {
        return !NUMBER.matcher(text).matches();
    }

    /** The count on a machine with {@code cores} cores. */
    public int resolve(int cores) {
        if (!relative()) {
            return Integer.parseInt(text);
        }
        Matcher m = RELATIVE.matcher(text);
        if (!m.matches()) {
            throw new IllegalStateException(text);
        }
        long n = cores * (m.group(1) == null ? 1L : Long.parseLong(m.group(1)));
        if (m.group(2) != null) {
            long k = Long.parseLong(m.group(3));
            n = switch (m.group(2)) {
                case "*" -> n * k;
                case "/" -> k == 0 ? n : n / k;
                case "+" -> n + k;
                default -> n - k;
            };
        }
        return (int) Math.max(1, Math.min(n, 100_000));
    }

    /** The count on this machine. */
    public int resolve() {
        return resolve(Runtime.getRuntime().availableProcessors());
    }

    @Override
    public String toString() {
        return text;
    }
}
