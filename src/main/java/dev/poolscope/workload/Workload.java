package dev.poolscope.workload;

import java.util.List;
import java.util.Map;

/**
 * A sample workload: a named family of tasks with documented parameters.
 * Workloads are found by {@link WorkloadCatalog} through
 * {@link java.util.ServiceLoader}.
 */
public interface Workload {
    /** The name used on the command line, e.g. {@code cpu}. */
    String name();

    /** One sentence for users. */
    String description();

    /** The parameters, with defaults and ranges. */
    List<ParamSpec> params();

    /** True if the workload may only run in worker processes (it crashes or exits its JVM). */
    default boolean requiresProcess() {
        return false;
    }

    /** True if tasks know their expected size in advance ({@link TaskSource#expectedNanos}), as the {@code shortest} order needs. */
    default boolean knowsSizes() {
        return false;
    }

    /** True if tasks carry priorities ({@link TaskSource#priority}), as the {@code priority} order needs. */
    default boolean hasPriorities() {
        return false;
    }

    /** True if tasks submit subtasks to the pool they run on (so they cannot run in worker processes). */
    default boolean submitsToOwnPool() {
        return false;
    }

    /** Position in lists (lower first). */
    default int order() {
        return 100;
    }

    /**
     * Binds the workload to resolved parameter values (every declared parameter
     * present, already checked) and a seed.
     */
    TaskSource bind(Params params, long seed);

    /** Parameter values by name, checked against the specs; {@code texts} holds the text parameters. */
    record Params(String workload, Map<String, Double> values, Map<String, String> texts) {
        public Params {
            values = Map.copyOf(values);
            texts = Map.copyOf(texts);
        }

        /** Number parameters only. */
        public Params(String workload, Map<String, Double> values) {
            this(workload, values, Map.of());
        }

        /** A text parameter's value, or null when not given. */
        public String text(String name) {
            return texts.get(name);
        }

        /** A parameter's value. */
        public double get(String name) {
            Double v = values.get(name);
            if (v == null) {
                throw new IllegalArgumentException("workload '" + workload + "' has no parameter '" + name + "'");
            }
            return v;
        }

        /** A parameter's value as a long. */
        public long getLong(String name) {
            return (long) get(name);
        }
    }
}
