package dev.poolscope.pool;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * What a pool does with a task when its queue is full. Every rejected task
 * ends with outcome {@code REJECTED}; none disappears.
 */
public enum RejectionPolicy {
    /** The submitting thread waits until there is room (or the pool shuts down). */
    BLOCK("block"),
    /** The task is rejected and {@code execute} throws {@link java.util.concurrent.RejectedExecutionException}. */
    ABORT("abort"),
    /** The submitting thread runs the task itself. */
    CALLER_RUNS("caller-runs"),
    /** The oldest queued task is rejected to make room for the new one. */
    DISCARD_OLDEST("discard-oldest");

    private final String cliName;

    RejectionPolicy(String cliName) {
        this.cliName = cliName;
    }

    /** The name used on the command line and in reports. */
    public String cliName() {
        return cliName;
    }

    /** Parses a command-line name; throws {@link IllegalArgumentException} naming the allowed values. */
    public static RejectionPolicy parse(String name) {
        for (RejectionPolicy p : values()) {
            if (p.cliName.equalsIgnoreCase(name) || p.name().equalsIgnoreCase(name)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown rejection policy '" + name + "'; allowed: " + allowed());
    }

    /** The allowed names, comma-separated. */
    public static String allowed() {
        return Arrays.stream(values()).map(RejectionPolicy::cliName).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return cliName;
    }
}
