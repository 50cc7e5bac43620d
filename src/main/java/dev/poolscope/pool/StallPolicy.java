package dev.poolscope.pool;

import java.time.Duration;
import java.util.Objects;

/**
 * What a pool does once it has starved itself into a deadlock (every worker
 * waits for a task of the same pool that is still queued behind it).
 *
 * @param action {@link Action#FAIL}: fail the waiting tasks and cancel what they wait for;
 *        {@link Action#WAIT}: leave the pool stuck (it is still reported)
 * @param grace how long a deadlock lasts before {@code FAIL} acts; at least 100 ms
 */
public record StallPolicy(Action action, Duration grace) {
    /** The default: fail after one second. */
    public static final StallPolicy DEFAULT = new StallPolicy(Action.FAIL, Duration.ofSeconds(1));

    public StallPolicy {
        Objects.requireNonNull(action, "action");
        grace = grace == null ? Duration.ofSeconds(1) : grace;
        if (grace.compareTo(Duration.ofMillis(100)) < 0 || grace.compareTo(Duration.ofHours(1)) > 0) {
            throw new IllegalArgumentException("stall grace must be between 100ms and 1h, was " + grace);
        }
    }

    /** What to do with a deadlock. */
    public enum Action {
        /** Fail the waiting tasks with a {@link StarvationDeadlockException}, cancel the tasks they wait for. */
        FAIL("fail"),
        /** Leave the pool stuck (for demonstration; stopping the pool still works). */
        WAIT("wait");

        private final String cliName;

        Action(String cliName) {
            this.cliName = cliName;
        }

        /** The name used on the command line and in reports. */
        public String cliName() {
            return cliName;
        }

        /** Parses a command-line name; throws {@link IllegalArgumentException} naming the allowed values. */
        public static Action parse(String name) {
            for (Action a : values()) {
                if (a.cliName.equalsIgnoreCase(name.trim())) {
                    return a;
                }
            }
            throw new IllegalArgumentException("unknown on-stall action '" + name + "'; allowed: fail, wait");
        }

        @Override
        public String toString() {
            return cliName;
        }
    }
}
