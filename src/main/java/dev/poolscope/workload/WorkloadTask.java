package dev.poolscope.workload;

import dev.poolscope.pool.TaskCallable;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One task of a workload named by value: workload name, resolved parameters,
 * seed and index. Running it binds the workload (once per JVM and parameter
 * set) and runs task {@code index}, so it gives the same result wherever it
 * runs. Process pools recognise it and send the four values instead of a
 * serialized object; thread pools just call it.
 *
 * @param workload the workload's name
 * @param params resolved parameter values (every declared parameter present)
 * @param seed the run's seed
 * @param index the task's index in the run
 */
public record WorkloadTask(String workload, Map<String, Double> params, long seed, long index)
        implements TaskCallable<Object> {
    private static final long serialVersionUID = 1L;
    private static final ConcurrentHashMap<Key, TaskSource> SOURCES = new ConcurrentHashMap<>();

    private record Key(String workload, Map<String, Double> params, long seed) {
    }

    public WorkloadTask {
        params = Map.copyOf(params);
    }

    /** A task source whose tasks are {@code WorkloadTask}s, for pools that send tasks elsewhere. */
    public static TaskSource source(Workload.Params params, long seed) {
        return i -> new WorkloadTask(params.workload(), params.values(), seed, i);
    }

    @Override
    public Object call() throws Exception {
        Key key = new Key(workload, params, seed);
        TaskSource s = SOURCES.get(key);
        if (s == null) {
            if (SOURCES.size() > 64) {
                SOURCES.clear();
            }
            Workload w = WorkloadCatalog.standard().get(workload);
            s = SOURCES.computeIfAbsent(key, k -> w.bind(new Workload.Params(w.name(), params), seed));
        }
        return s.task(index).call();
    }
}
