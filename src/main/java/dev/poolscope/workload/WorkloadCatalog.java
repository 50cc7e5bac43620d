package dev.poolscope.workload;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * The catalogue of workloads, found through {@link ServiceLoader} entries for
 * {@link Workload}; the one list the command line, the dashboard and worker
 * processes read. Immutable once built.
 */
public final class WorkloadCatalog {
    private static final WorkloadCatalog STANDARD = new WorkloadCatalog(load());

    private final List<Workload> workloads;

    /** A catalogue of the given workloads. */
    public WorkloadCatalog(List<Workload> workloads) {
        this.workloads = List.copyOf(workloads);
    }

    /** The workloads on the class path. */
    public static WorkloadCatalog standard() {
        return STANDARD;
    }

    private static List<Workload> load() {
        List<Workload> list = new ArrayList<>();
        ServiceLoader.load(Workload.class, WorkloadCatalog.class.getClassLoader()).forEach(list::add);
        list.sort(Comparator.comparingInt(Workload::order).thenComparing(Workload::name));
        return list;
    }

    /** All workloads in display order. */
    public List<Workload> all() {
        return workloads;
    }

    /** All names in display order. */
    public List<String> names() {
        return workloads.stream().map(Workload::name).toList();
    }

    /** The workload with this name, if any. */
    public Optional<Workload> find(String name) {
        return workloads.stream().filter(w -> w.name().equalsIgnoreCase(name)).findFirst();
    }

    /** The workload with this name; throws naming the allowed values. */
    public Workload get(String name) {
        return find(name).orElseThrow(() -> new IllegalArgumentException(
                "unknown workload '" + name + "'; allowed: " + String.join(", ", names())));
    }

    /**
     * Resolves a spec: finds the workload and checks every override against its
     * parameter specs, filling in defaults.
     *
     * @throws IllegalArgumentException naming the workload, parameter and allowed range
     */
    public Workload.Params resolve(WorkloadSpec spec) {
        Workload w = get(spec.name());
        Map<String, Double> values = new HashMap<>();
        Map<String, String> texts = new HashMap<>();
        for (ParamSpec p : w.params()) {
            if (!p.text()) {
                values.put(p.name(), p.defaultValue());
            }
        }
        for (Map.Entry<String, String> e : spec.params().entrySet()) {
            ParamSpec p = w.params().stream().filter(x -> x.name().equals(e.getKey())).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("unknown parameter '" + e.getKey()
                            + "' for workload '" + w.name() + "'; allowed: "
                            + (w.params().isEmpty() ? "none" : String.join(", ",
                            w.params().stream().map(ParamSpec::name).toList()))));
            if (p.text()) {
                texts.put(p.name(), e.getValue());
            } else {
                values.put(p.name(), p.parse(w.name(), e.getValue()));
            }
        }
        return new Workload.Params(w.name(), values, texts);
    }

    /** Resolves and binds a spec in one step. */
    public TaskSource bind(WorkloadSpec spec, long seed) {
        return get(spec.name()).bind(resolve(spec), seed);
    }
}
