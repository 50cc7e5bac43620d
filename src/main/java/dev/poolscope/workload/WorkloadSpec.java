package dev.poolscope.workload;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A workload name with parameter overrides, as written on the command line:
 * {@code NAME[:key=value,...]}, e.g. {@code cpu:size=50000}.
 *
 * @param name the workload's name
 * @param params overrides as given (checked when bound)
 */
public record WorkloadSpec(String name, Map<String, String> params) {

    public WorkloadSpec {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("workload name must not be empty");
        }
        params = Map.copyOf(params == null ? Map.of() : params);
    }

    /** A spec with no overrides. */
    public static WorkloadSpec of(String name) {
        return new WorkloadSpec(name, Map.of());
    }

    /**
     * Parses {@code NAME[:key=value,...]}.
     *
     * @throws IllegalArgumentException for malformed text
     */
    public static WorkloadSpec parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("workload must be NAME[:key=value,...], was empty");
        }
        String t = text.trim();
        int colon = t.indexOf(':');
        String name = colon < 0 ? t : t.substring(0, colon);
        Map<String, String> params = new LinkedHashMap<>();
        if (colon >= 0) {
            String rest = t.substring(colon + 1);
            if (!rest.isBlank()) {
                for (String pair : rest.split(",")) {
                    int eq = pair.indexOf('=');
                    if (eq <= 0 || eq == pair.length() - 1) {
                        throw new IllegalArgumentException("workload parameter '" + pair
                                + "' must be key=value (in '" + text + "')");
                    }
                    String key = pair.substring(0, eq).trim();
                    if (params.put(key, pair.substring(eq + 1).trim()) != null) {
                        throw new IllegalArgumentException("workload parameter '" + key + "' is given twice");
                    }
                }
            }
        }
        return new WorkloadSpec(name.trim(), params);
    }

    @Override
    public String toString() {
        if (params.isEmpty()) {
            return name;
        }
        return name + ":" + params.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(","));
    }
}
