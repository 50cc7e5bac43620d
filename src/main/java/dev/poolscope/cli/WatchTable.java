package dev.poolscope.cli;

import dev.poolscope.attach.PoolFigures;
import dev.poolscope.attach.PoolLabels;
import dev.poolscope.metrics.Percentiles;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The terminal table of a watch: one line per pool, a dash for a figure the mode cannot see. */
final class WatchTable {
    private WatchTable() {
    }

    static List<String> lines(long pid, String mode, String javaVersion, long elapsedMillis, List<PoolFigures> pools,
                              List<String> limits) {
        List<String> out = new ArrayList<>();
        out.add(String.format(Locale.ROOT, "PID %d  Java %s  %s mode  %.1f s", pid, javaVersion, mode, elapsedMillis / 1000.0));
        out.add(String.format(Locale.ROOT, "%-42s %-27s %7s %6s %6s %9s %8s %9s %9s %9s", "POOL", "KIND", "THREADS",
                "ACTIVE", "QUEUE", "TASKS/S", "REJECTED", "SVC p50", "SVC p99", "WAIT p50"));
        for (PoolFigures p : pools) {
            String names = PoolLabels.threadNames(p.workers());
            String label = PoolLabels.shortName(p.name()) + (names == null ? "" : " (" + names + ")");
            out.add(String.format(Locale.ROOT, "%-42s %-27s %7s %6s %6s %9s %8s %9s %9s %9s", clip(label, 42),
                    clip(p.kind(), 27), num(p.threads()), num(p.active()), num(p.queueDepth()),
                    p.throughputPerSecond() == null ? "-" : String.format(Locale.ROOT, "%.1f", p.throughputPerSecond()),
                    num(p.rejected()), time(p.service(), true), time(p.service(), false), time(p.queueWait(), true)));
            if (p.note() != null) {
                out.add("    " + p.note());
            }
            if (p.stall() != null) {
                out.add("    " + p.stall().describe());
            }
        }
        for (String l : limits) {
            out.add("note: " + l);
        }
        return out;
    }

    private static String num(Number n) {
        return n == null ? "-" : n.toString();
    }

    private static String time(Percentiles p, boolean median) {
        if (p == null || p.count() == 0) {
            return "-";
        }
        long ns = median ? p.p50() : p.p99();
        if (ns >= 1_000_000) {
            return String.format(Locale.ROOT, "%.2f ms", ns / 1e6);
        }
        return String.format(Locale.ROOT, "%.0f us", ns / 1e3);
    }

    private static String clip(String s, int n) {
        return s.length() <= n ? s : s.substring(0, n - 1) + "…";
    }
}
