package dev.poolscope.metrics;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts task failures by exception type and message. Holds at most
 * {@value #MAX_KINDS} distinct kinds; further kinds are counted together under
 * one "other" entry, so memory stays bounded however many tasks fail.
 */
public final class ErrorTable {
    /** Distinct (type, message) pairs kept before folding into "other". */
    public static final int MAX_KINDS = 64;
    private static final int MAX_MESSAGE = 240;

    /** One kind of error and how often it happened. */
    public record Entry(String type, String message, long count) {
    }

    private record Key(String type, String message) {
    }

    private final ConcurrentHashMap<Key, LongAdder> counts = new ConcurrentHashMap<>();
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
        Key key = new Key(type, message);
        LongAdder adder = counts.get(key);
        if (adder == null) {
            if (counts.size() >= MAX_KINDS) {
                other.increment();
                return;
            }
            adder = counts.computeIfAbsent(key, k -> new LongAdder());
        }
        adder.increment();
    }

    /** Returns the entries, most frequent first. */
    public List<Entry> entries() {
        List<Entry> list = new ArrayList<>();
        counts.forEach((k, v) -> list.add(new Entry(k.type(), k.message(), v.sum())));
        long o = other.sum();
        if (o > 0) {
            list.add(new Entry("other", "further kinds of error, not listed separately", o));
        }
        list.sort(Comparator.comparingLong(Entry::count).reversed());
        return list;
    }
}
