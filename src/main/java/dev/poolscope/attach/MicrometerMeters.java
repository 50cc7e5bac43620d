package dev.poolscope.attach;

import javax.management.MBeanServerConnection;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the Micrometer {@code executor.*} meters an application publishes over JMX (Micrometer's JMX registry, which
 * names them {@code DOMAIN:name=executorCompleted.name.work,type=meters}, the meter's name in camel case followed by
 * its tags as {@code key.value} pairs), one {@link PoolSample} per executor they name: pool size, active, queued and
 * completed tasks as the application counts them. Nothing is loaded into the target.
 */
public final class MicrometerMeters {
    /** The prefix of these pools' names: {@code micrometer:work} for the executor tagged {@code name=work}. */
    public static final String PREFIX = "micrometer:";
    private static final Set<String> TYPES = Set.of("gauges", "meters", "counters");

    private MicrometerMeters() {
    }

    /** One pool per executor with meters; empty when the target publishes none (or they cannot be read). */
    static List<PoolSample> read(MBeanServerConnection mbeans) throws IOException {
        Map<String, Map<String, Double>> byExecutor = new LinkedHashMap<>();
        Set<ObjectName> names;
        try {
            names = mbeans.queryNames(new ObjectName("*:name=executor*,*"), null);
        } catch (MalformedObjectNameException e) {
            throw new IllegalStateException(e);
        }
        for (ObjectName n : names) {
            String type = n.getKeyProperty("type");
            String name = n.getKeyProperty("name");
            if (type == null || name == null || !TYPES.contains(type)) {
                continue;
            }
            String[] parts = name.split("\\.");
            String executor = null;
            for (int i = 1; i + 1 < parts.length; i += 2) {
                if (parts[i].equals("name")) {
                    executor = parts[i + 1];
                }
            }
            if (executor == null) {
                continue;
            }
            try {
                Object v = mbeans.getAttribute(n, type.equals("gauges") ? "Value" : "Count");
                if (v instanceof Number num) {
                    byExecutor.computeIfAbsent(executor, k -> new LinkedHashMap<>()).put(parts[0], num.doubleValue());
                }
            } catch (IOException e) {
                throw e;
            } catch (Exception e) {
                // a meter that went away meanwhile
            }
        }
        List<PoolSample> out = new ArrayList<>();
        byExecutor.forEach((executor, m) -> {
            String kind = m.containsKey("executorParallelism") ? PoolKinds.FORK_JOIN
                    : m.containsKey("executorPoolCore") ? PoolKinds.THREAD_POOL_EXECUTOR : PoolKinds.OTHER;
            out.add(new PoolSample(PREFIX + executor, kind, integer(m.get("executorPoolSize")),
                    integer(m.get(m.containsKey("executorActive") ? "executorActive" : "executorRunning")),
                    whole(m.get("executorQueued")), whole(m.get("executorCompleted")), null, null, null, null, List.of(),
                    integer(m.get("executorPoolCore")), integer(m.get("executorPoolMax")),
                    "from the application's Micrometer executor.* meters over JMX (executor '" + executor + "')"));
        });
        return out;
    }

    private static Integer integer(Double d) {
        return d == null || d.isNaN() ? null : (int) Math.round(d);
    }

    private static Long whole(Double d) {
        return d == null || d.isNaN() ? null : Math.round(d);
    }
}
