package dev.poolscope.metrics;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts task failures by exception type and message. Messages that differ
 * only in their numbers (task ids, PIDs) count as one kind, shown by the first
 * message seen. Holds at most
 * {@value #MAX_KINDS} distinct kinds; further kinds are counted together under
 * one "other" entry, so memory stays bounded however many tasks fail.
 */
public final class ErrorTable {
    /** Distinct (type, message) pairs kept before folding into "other". */
    public static final int MAX_KINDS = 64;
    private static final int MAX_MESSAGE = 240;
    private static final java.util.regex.Pattern DIGITS = java.util.regex.Pattern.compile("\\d+");

    /** One kind of error and how often it happened. */
    public record Entry(String type, String message, long count) {
    }

    private record Key(String type, String shape) {
    }

    private record Kind(String example, LongAdder count) {
    }

    private final ConcurrentHashMap<Key, Kind> counts = new ConcurrentHashMap<>();
    private final LongAdder other = new LongAdder();

    /** Counts one failure. */
    public void record(Outcome outcome, Throwable cause) {
        String type;
        String message;
        if (cause == null) {
            type = outcome.name();
            message = "";
        } else {
            type = cause.getClass().getName();
            String m = cause.getMessage();
            message = m == null ? "" : (m.length() > MAX_MESSAGE ? m.substring(0, MAX_MESSAGE) + "..." : m);
        }
        Key key = new Key(type, DIGITS.matcher(message).replaceAll("#"));
        Kind kind = counts.get(key);
        if (kind == null) {
            if (counts.size() >= MAX_KINDS) {
                other.increment();
                return;
            }
            String example = message;
            kind = counts.computeIfAbsent(key, k -> new Kind(example, new LongAdder()));
        }
        kind.count().increment();
    }

    /** Returns the entries, most frequent first. */
    public List<Entry> entries() {
        List<Entry> list = new ArrayList<>();
        counts.forEach((k, v) -> list.add(new Entry(k.type(), v.example(), v.count().sum())));
        long o = other.sum();
        if (o > 0) {
            list.add(new Entry("other", "further kinds of error, not listed separately", o));
        }
        list.sort(Comparator.comparingLong(Entry::count).reversed());
        return list;
    }
}
