package dev.poolscope.ui.model;

import java.util.Locale;

/** Short number formats for labels and tables. */
public final class Format {
    private Format() {
    }

    /** Microseconds as {@code 850 µs}, {@code 3.20 ms} or {@code 1.50 s}. */
    public static String micros(double us) {
        if (Double.isNaN(us) || us <= 0) {
            return "–";
        }
        if (us < 10) {
            return String.format(Locale.ROOT, "%.2f µs", us);
        }
        if (us < 1_000) {
            return String.format(Locale.ROOT, "%.0f µs", us);
        }
        if (us < 1_000_000) {
            return String.format(Locale.ROOT, "%.2f ms", us / 1_000);
        }
        return String.format(Locale.ROOT, "%.2f s", us / 1_000_000);
    }

    /** Nanoseconds, formatted as {@link #micros}. */
    public static String nanos(double ns) {
        return micros(ns / 1_000);
    }

    /** A rate as {@code 1,234/s}. */
    public static String rate(double perSecond) {
        if (Double.isNaN(perSecond) || perSecond <= 0) {
            return "0/s";
        }
        if (perSecond < 10) {
            return String.format(Locale.ROOT, "%.2f/s", perSecond);
        }
        return String.format(Locale.ROOT, "%,.0f/s", perSecond);
    }

    /** A fraction 0..1 as a percentage, or a dash if unknown (negative). */
    public static String percent(double fraction) {
        return fraction < 0 || Double.isNaN(fraction) ? "–" : String.format(Locale.ROOT, "%.0f%%", fraction * 100);
    }

    /** Seconds as {@code 42 s}, {@code 3 min 05 s} or {@code 1 h 02 min}. */
    public static String eta(double seconds) {
        if (Double.isNaN(seconds) || Double.isInfinite(seconds) || seconds < 0) {
            return "–";
        }
        long s = Math.round(seconds);
        if (s < 60) {
            return s + " s";
        }
        if (s < 3600) {
            return String.format(Locale.ROOT, "%d min %02d s", s / 60, s % 60);
        }
        return String.format(Locale.ROOT, "%d h %02d min", s / 3600, (s % 3600) / 60);
    }

    /** A count with thousands separators. */
    public static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** A plain decimal with the given digits. */
    public static String decimal(double v, int digits) {
        return String.format(Locale.ROOT, "%." + digits + "f", v);
    }

    /** Bytes as MiB, or a dash if unknown. */
    public static String mebibytes(long bytes) {
        return bytes < 0 ? "–" : String.format(Locale.ROOT, "%.1f MiB", bytes / 1048576.0);
    }
}
