package dev.poolscope.attach;

import java.util.List;

/** Short names for watched pools, for tables and lists. */
public final class PoolLabels {
    private PoolLabels() {
    }

    /** The name without its {@code java.util.concurrent.} package, e.g. {@code ThreadPoolExecutor@7d4991ad}. */
    public static String shortName(String name) {
        return name.startsWith("java.util.concurrent.") ? name.substring("java.util.concurrent.".length()) : name;
    }

    /**
     * What the workers' names share, with a star for the rest ({@code work-*} for {@code work-1}, {@code work-2}),
     * or null when there are no workers or they share nothing.
     */
    public static String threadNames(List<WorkerThread> workers) {
        if (workers.isEmpty()) {
            return null;
        }
        String prefix = stripDigits(workers.get(0).name());
        for (WorkerThread w : workers) {
            String n = w.name();
            int i = 0;
            while (i < prefix.length() && i < n.length() && prefix.charAt(i) == n.charAt(i)) {
                i++;
            }
            prefix = prefix.substring(0, i);
        }
        if (prefix.isEmpty()) {
            return null;
        }
        return workers.size() == 1 && prefix.equals(workers.get(0).name()) ? prefix : prefix + "*";
    }

    private static String stripDigits(String s) {
        int end = s.length();
        while (end > 0 && Character.isDigit(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(0, end);
    }
}
