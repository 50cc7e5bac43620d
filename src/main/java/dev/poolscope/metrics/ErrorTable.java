package dev.poolscope.metrics;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts task failures by exception type and message. Messages that differ
 * only in their numbers (task ids, PIDs, exit codes) count as one group,
 * shown by the first message seen. For each group the table keeps what its
 * failures share and what differs: the numbers that are the same in every
 * message, how many distinct workers and processes it spans, and the first
 * {@value #MAX_EXAMPLES} failures as examples (message, worker, PID, task).
 * Holds at most {@value #MAX_KINDS} groups; further failures are counted
 * together under one "other" entry, so memory stays bounded however many tasks
 * fail. Thread-safe; each group's details are updated under its own lock.
 */
public final class ErrorTable {
    /** Distinct (type, message) pairs kept before folding into "other". */
    public static final int MAX_KINDS = 64;
    /** Examples kept per group. */
    public static final int MAX_EXAMPLES = 20;
    /** Distinct workers and PIDs counted per group; more are counted as this many. */
    public static final int MAX_DISTINCT = 4096;
    private static final int MAX_MESSAGE = 240;
    private static final java.util.regex.Pattern DIGITS = java.util.regex.Pattern.compile("\\d+");

    /**
     * One failure of a group.
     *
     * @param message its full message (cut at 240 characters)
     * @param worker the worker it happened on, or -1 if not known
     * @param pid the worker's process id, or -1 (a thread worker, or not known)
     * @param taskId the task's sequence number in its pool, or -1 if not known
     */
    public record Example(String message, int worker, long pid, long taskId) {
    }

    /**
     * One group of errors and how often it happened.
     *
     * @param type the exception's qualified class name (or the outcome's name when there was no exception)
     * @param message the first message seen
     * @param count failures in the group
     * @param kind the exception's simple class name
     * @param shared the message with the numbers that differ between its failures replaced by "..."
     * @param workers distinct workers the group spans (0 if none was known)
     * @param pidCount distinct worker processes the group spans (0 for thread workers)
     * @param pids the first distinct PIDs, at most {@value #MAX_EXAMPLES}
     * @param examples the first failures, at most {@value #MAX_EXAMPLES}
     */
    public record Entry(String type, String message, long count, String kind, String shared, int workers,
                        int pidCount, List<Long> pids, List<Example> examples) {
        public Entry {
            pids = pids == null ? List.of() : List.copyOf(pids);
            examples = examples == null ? List.of() : List.copyOf(examples);
            kind = kind == null ? simpleName(type) : kind;
            shared = shared == null ? message : shared;
        }

        /** A group known only by its type, message and count. */
        public Entry(String type, String message, long count) {
            this(type, message, count, null, null, 0, 0, List.of(), List.of());
        }

        /**
         * What the group shares and what differs, on one line, without its count: e.g.
         * {@code WorkerCrashedException: worker ... (pid ...) died while running task ...: exit code 3;
         * 30 workers; 60 PIDs (20414, 20415, 20418 ...); e.g. worker 0 (pid 20414), task 30}.
         */
        public String describe() {
            StringBuilder sb = new StringBuilder(kind);
            if (shared != null && !shared.isBlank()) {
                sb.append(": ").append(shared);
            }
            List<String> parts = new ArrayList<>();
            Example first = examples.isEmpty() ? null : examples.get(0);
            if (workers > 1) {
                parts.add(workers + (workers >= MAX_DISTINCT ? "+" : "") + " workers");
            }
            if (pidCount > 1) {
                StringBuilder p = new StringBuilder().append(pidCount).append(pidCount >= MAX_DISTINCT ? "+" : "").append(" PIDs (");
                int shown = Math.min(3, pids.size());
                for (int i = 0; i < shown; i++) {
                    p.append(i == 0 ? "" : ", ").append(pids.get(i));
                }
                if (pidCount > shown) {
                    p.append(" ...");
                }
                parts.add(p.append(')').toString());
            }
            if (first != null && (count > 1 || workers <= 1)) {
                List<String> e = new ArrayList<>();
                if (first.worker() >= 0) {
                    e.add("worker " + first.worker() + (first.pid() >= 0 ? " (pid " + first.pid() + ")" : ""));
                }
                if (first.taskId() >= 0) {
                    e.add("task " + first.taskId());
                }
                if (!e.isEmpty()) {
                    parts.add((count > 1 ? "e.g. " : "") + String.join(", ", e));
                }
            }
            if (!parts.isEmpty()) {
                sb.append("; ").append(String.join("; ", parts));
            }
            return sb.toString();
        }
    }

    private record Key(String type, String shape) {
    }

    /** One group: its count (lock-free) and its details (under the group's lock). */
    private static final class Kind {
        final String example;
        final LongAdder count = new LongAdder();
        final String[] numbers;
        final boolean[] varies;
        final List<Example> examples = new ArrayList<>();
        final java.util.Set<Integer> workers = new java.util.HashSet<>();
        final java.util.Set<Long> pids = new java.util.LinkedHashSet<>();

        Kind(String example) {
            this.example = example;
            this.numbers = numbers(example);
            this.varies = new boolean[numbers.length];
        }

        synchronized void add(String message, int worker, long pid, long taskId) {
            String[] n = numbers(message);
            for (int i = 0; i < Math.min(n.length, numbers.length); i++) {
                if (!n[i].equals(numbers[i])) {
                    varies[i] = true;
                }
            }
            if (examples.size() < MAX_EXAMPLES) {
                examples.add(new Example(message, worker, pid, taskId));
            }
            if (worker >= 0 && workers.size() < MAX_DISTINCT) {
                workers.add(worker);
            }
            if (pid >= 0 && pids.size() < MAX_DISTINCT) {
                pids.add(pid);
            }
        }

        synchronized Entry entry(String type) {
            StringBuilder shared = new StringBuilder();
            java.util.regex.Matcher m = DIGITS.matcher(example);
            int i = 0;
            while (m.find()) {
                m.appendReplacement(shared, i < varies.length && varies[i] ? "..." : m.group());
                i++;
            }
            m.appendTail(shared);
            return new Entry(type, example, count.sum(), simpleName(type), shared.toString(), workers.size(),
                    pids.size(), pids.stream().limit(MAX_EXAMPLES).toList(), examples);
        }

        private static String[] numbers(String message) {
            return DIGITS.matcher(message).results().map(java.util.regex.MatchResult::group).toArray(String[]::new);
        }
    }

    private final ConcurrentHashMap<Key, Kind> counts = new ConcurrentHashMap<>();
    private final LongAdder other = new LongAdder();

    /** Counts one failure whose worker and task are not known (a {@link FailureOrigin} cause still names its worker). */
    public void record(Outcome outcome, Throwable cause) {
        record(outcome, cause, -1, -1, -1);
    }

    /**
     * Counts one failure.
     *
     * @param worker the worker it happened on, or -1; a {@link FailureOrigin} cause overrides it
     * @param pid the worker's process id, or -1; a {@link FailureOrigin} cause overrides it
     * @param taskId the task's sequence number in its pool, or -1
     */
    public void record(Outcome outcome, Throwable cause, int worker, long pid, long taskId) {
        String type;
        String message;
        if (cause == null) {
            type = outcome.name();
            message = "";
        } else {
            type = cause.getClass().getName();
            String m = cause.getMessage();
            message = m == null ? "" : (m.length() > MAX_MESSAGE ? m.substring(0, MAX_MESSAGE) + "..." : m);
            FailureOrigin origin = origin(cause);
            if (origin != null) {
                worker = origin.workerId();
                pid = origin.pid();
            }
        }
        Key key = new Key(type, DIGITS.matcher(message).replaceAll("#"));
        Kind kind = counts.get(key);
        if (kind == null) {
            if (counts.size() >= MAX_KINDS) {
                other.increment();
                return;
            }
            String example = message;
            kind = counts.computeIfAbsent(key, k -> new Kind(example));
        }
        kind.count.increment();
        kind.add(message, worker, pid, taskId);
    }

    /** The failure's origin: itself, or a cause or suppressed exception it carries (a few levels deep), or null. */
    private static FailureOrigin origin(Throwable t) {
        for (int depth = 0; t != null && depth < 4; depth++, t = t.getCause()) {
            if (t instanceof FailureOrigin o) {
                return o;
            }
            for (Throwable s : t.getSuppressed()) {
                if (s instanceof FailureOrigin o) {
                    return o;
                }
            }
        }
        return null;
    }

    static String simpleName(String type) {
        if (type == null) {
            return "";
        }
        String s = type.substring(type.lastIndexOf('.') + 1);
        return s.substring(s.lastIndexOf('$') + 1);
    }

    /** Returns the entries, most frequent first. */
    public List<Entry> entries() {
        List<Entry> list = new ArrayList<>();
        counts.forEach((k, v) -> list.add(v.entry(k.type())));
        long o = other.sum();
        if (o > 0) {
            list.add(new Entry("other", "further kinds of error, not listed separately", o));
        }
        list.sort(Comparator.comparingLong(Entry::count).reversed());
        return list;
    }
}
