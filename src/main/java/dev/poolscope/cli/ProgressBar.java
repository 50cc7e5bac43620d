package dev.poolscope.cli;

import dev.poolscope.metrics.MetricsSnapshot;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * A one-line progress bar on stderr: done/total, rate and ETA. On a terminal
 * it redraws in place every sample; otherwise it prints a line every few seconds.
 */
final class ProgressBar {
    private static final int WIDTH = 30;
    private final PrintWriter err;
    private final long total;
    private final boolean terminal;
    private long lastLineMillis = -1;
    private boolean drawn;

    ProgressBar(PrintWriter err, long total) {
        this.err = err;
        this.total = total;
        this.terminal = isTerminal();
    }

    /** Console.isTerminal() exists from JDK 22; before it, a non-null console means a terminal. */
    private static boolean isTerminal() {
        java.io.Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }

    synchronized void update(MetricsSnapshot s) {
        long done = s.counts().ended();
        double rate = s.counts().throughput(s.elapsedNanos());
        double fraction = total == 0 ? 1 : Math.min(1, done / (double) total);
        int filled = (int) Math.round(fraction * WIDTH);
        String eta = rate > 0 && done < total ? formatSeconds((total - done) / rate) : "--";
        String line = String.format(Locale.ROOT, "[%s%s] %3.0f%% %d/%d  %.0f tasks/s  queue %d  ETA %s",
                "#".repeat(filled), " ".repeat(WIDTH - filled), fraction * 100, done, total, rate, s.queueDepth(), eta);
        if (terminal) {
            err.print("\r" + line);
            err.flush();
            drawn = true;
        } else if (lastLineMillis < 0 || s.elapsedMillis() - lastLineMillis >= 2000) {
            lastLineMillis = s.elapsedMillis();
            err.println(line);
            err.flush();
        }
    }

    synchronized void finish() {
        if (terminal && drawn) {
            err.println();
            err.flush();
        }
    }

    private static String formatSeconds(double s) {
        if (s < 60) {
            return String.format(Locale.ROOT, "%.0fs", Math.ceil(s));
        }
        return String.format(Locale.ROOT, "%dm%02ds", (long) s / 60, (long) s % 60);
    }
}
