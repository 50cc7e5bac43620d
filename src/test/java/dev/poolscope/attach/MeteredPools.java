package dev.poolscope.attach;

import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.binder.jvm.ExecutorServiceMetrics;
import io.micrometer.jmx.JmxConfig;
import io.micrometer.jmx.JmxMeterRegistry;

import java.util.List;
import java.util.concurrent.ExecutorService;

/** What an application using Micrometer does: binds its pool's {@code executor.*} meters and publishes them over JMX. */
public final class MeteredPools {
    private MeteredPools() {
    }

    /** Publishes {@code pool}'s meters, tagged {@code name=NAME}, through a JMX registry (kept alive by the caller). */
    public static Object publish(ExecutorService pool, String name) {
        JmxMeterRegistry registry = new JmxMeterRegistry(JmxConfig.DEFAULT, Clock.SYSTEM);
        new ExecutorServiceMetrics(pool, name, List.of()).bindTo(registry);
        return registry;
    }
}
