package dev.poolscope.pool;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.Collectors;

/**
 * The order in which a pool with a central queue serves its queued tasks.
 * Ties (equal priority or size) are served first in, first out.
 *
 * <p>{@link #PRIORITY} serves the highest {@link TaskTraits#priority()} first;
 * {@link #SHORTEST} serves the smallest {@link TaskTraits#expectedNanos()}
 * first (shortest expected job first), which cuts the median wait on skewed
 * work and can starve long tasks while short ones keep arriving.
 */
public enum QueueOrder {
    /** First in, first out: the default, and the order of a plain {@code ThreadPoolExecutor}. */
    FIFO("fifo"),
    /** Last in, first out: the newest queued task first. */
    LIFO("lifo"),
    /** The highest priority first. */
    PRIORITY("priority"),
    /** The smallest expected size first. */
    SHORTEST("shortest");

    private final String cliName;

    QueueOrder(String cliName) {
        this.cliName = cliName;
    }

    /** The name used on the command line and in reports. */
    public String cliName() {
        return cliName;
    }

    /** Parses a command-line name; throws {@link IllegalArgumentException} naming the allowed values. */
    public static QueueOrder parse(String name) {
        for (QueueOrder o : values()) {
            if (o.cliName.equalsIgnoreCase(name.trim())) {
                return o;
            }
        }
        throw new IllegalArgumentException("unknown queue order '" + name + "'; allowed: " + allowed());
    }

    /** The allowed names, comma-separated. */
    public static String allowed() {
        return Arrays.stream(values()).map(QueueOrder::cliName).collect(Collectors.joining(", "));
    }

    /**
     * The order among queued tasks for {@link #PRIORITY} and {@link #SHORTEST}
     * (the one to serve first is the least); ties by submission order.
     * Null for {@link #FIFO} and {@link #LIFO}, which need no comparison.
     */
    Comparator<ObservedTask<?>> comparator() {
        Comparator<ObservedTask<?>> bySeq = Comparator.comparingLong(ObservedTask::id);
        return switch (this) {
            case FIFO, LIFO -> null;
            case PRIORITY -> Comparator.<ObservedTask<?>>comparingInt(t -> -t.traits().priority()).thenComparing(bySeq);
            case SHORTEST -> Comparator.<ObservedTask<?>>comparingLong(t -> t.traits().expectedNanos()).thenComparing(bySeq);
        };
    }

    @Override
    public String toString() {
        return cliName;
    }
}
