package dev.poolscope.cluster;

import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.config.ClassFilter;
import com.hazelcast.config.Config;
import com.hazelcast.config.JavaSerializationFilterConfig;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import dev.poolscope.process.ChildJvms;
import dev.poolscope.process.SerialFilter;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The Hazelcast settings every member and client of a cluster pool uses:
 * offline (no phone-home, no multicast, no cloud auto-detection, TCP-IP join
 * on the given addresses only), bound to the given interface only, and with
 * Hazelcast's Java serialization filter switched on with PoolScope's
 * allow-list ({@link SerialFilter}'s base list plus the patterns in its system
 * property), so a member deserializes only PoolScope's own classes and the
 * JDK's value types.
 */
public final class HazelcastSetup {
    /** The executor that runs tasks on members PoolScope starts. */
    public static final String TASKS_EXECUTOR = "poolscope-tasks";
    /** The executor that answers the pool's member reports (never behind tasks). */
    public static final String REPORTS_EXECUTOR = "poolscope-reports";
    /** The first port a member on a machine tries. */
    public static final int DEFAULT_PORT = 5701;

    /** JVM options Hazelcast needs on JDK 25 to run without printing warnings. */
    public static final List<String> JVM_OPTIONS = List.of(
            "--add-modules", "java.se",
            "--add-exports", "java.base/jdk.internal.ref=ALL-UNNAMED",
            "--add-opens", "java.base/java.lang=ALL-UNNAMED",
            "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-opens", "java.management/sun.management=ALL-UNNAMED",
            "--add-opens", "jdk.management/com.sun.management.internal=ALL-UNNAMED");

    private HazelcastSetup() {
    }

    /** {@link #JVM_OPTIONS}, with the unsafe-memory option on JDK 24 and later (older JVMs refuse it). */
    public static List<String> jvmOptions() {
        List<String> o = new ArrayList<>(ChildJvms.unsafeMemoryOptions());
        o.addAll(JVM_OPTIONS);
        return o;
    }

    /**
     * A member's config.
     *
     * @param clusterName the cluster's name
     * @param bind the address to bind and announce (only it is bound)
     * @param port the first port to try (the next ones are tried if it is taken)
     * @param join addresses ({@code host[:port]}) of members to join
     * @param threads task threads of {@link #TASKS_EXECUTOR} on this member
     */
    public static Config member(String clusterName, String bind, int port, List<String> join, int threads) {
        quietLogging();
        Config c = new Config();
        c.setClusterName(clusterName);
        offline(c.getProperties());
        c.setProperty("hazelcast.socket.bind.any", "false");
        c.setProperty("hazelcast.local.localAddress", bind);
        c.setProperty("hazelcast.shutdownhook.policy", "GRACEFUL");
        c.getMetricsConfig().setEnabled(false);
        NetworkConfig n = c.getNetworkConfig();
        n.setPort(port).setPortAutoIncrement(true).setPortCount(100).setReuseAddress(true);
        n.getInterfaces().setEnabled(true).addInterface(bind);
        JoinConfig j = n.getJoin();
        j.getMulticastConfig().setEnabled(false);
        j.getAutoDetectionConfig().setEnabled(false);
        j.getTcpIpConfig().setEnabled(true).setMembers(join.isEmpty() ? List.of(bind) : join);
        c.getSerializationConfig().setJavaSerializationFilterConfig(filter())
                .addDataSerializableFactory(EnvelopeFactory.ID, new EnvelopeFactory());
        c.getExecutorConfig(TASKS_EXECUTOR).setPoolSize(threads).setStatisticsEnabled(true);
        c.getExecutorConfig(REPORTS_EXECUTOR).setPoolSize(2).setStatisticsEnabled(false);
        return c;
    }

    /** A client's config: the pool's link to the cluster at these addresses. */
    public static ClientConfig client(String clusterName, List<String> addresses) {
        quietLogging();
        ClientConfig c = new ClientConfig();
        c.setClusterName(clusterName);
        offline(c.getProperties());
        // a lost member is reported by the pool, naming the member: the client's own reconnect warnings would only repeat it
        c.setProperty("hazelcast.logging.type", "none");
        c.getMetricsConfig().setEnabled(false);
        c.getNetworkConfig().addAddress(addresses.toArray(String[]::new));
        c.getConnectionStrategyConfig().getConnectionRetryConfig().setClusterConnectTimeoutMillis(30_000);
        c.getSerializationConfig().setJavaSerializationFilterConfig(filter())
                .addDataSerializableFactory(EnvelopeFactory.ID, new EnvelopeFactory());
        return c;
    }

    private static void offline(java.util.Properties p) {
        p.setProperty("hazelcast.phone.home.enabled", "false");
        p.setProperty("hazelcast.logging.type", "jdk");
        p.setProperty("hazelcast.health.monitoring.level", "OFF");
    }

    /** Hazelcast logs through java.util.logging at WARNING and above only. */
    private static void quietLogging() {
        Logger.getLogger("com.hazelcast").setLevel(Level.WARNING);
    }

    /**
     * PoolScope's allow-list as Hazelcast's Java serialization filter: the
     * JDK's value packages, {@code java.lang.invoke.SerializedLambda},
     * everything under {@code dev.poolscope}, and the extra patterns of
     * {@link SerialFilter#PROPERTY} ({@code a.b.**} a prefix, {@code a.b.*} a
     * package, else a class). Everything else is refused.
     */
    public static JavaSerializationFilterConfig filter() {
        ClassFilter allow = new ClassFilter()
                .addPackages("java.lang", "java.util", "java.math", "java.time")
                .addClasses("java.lang.invoke.SerializedLambda")
                .addPrefixes("dev.poolscope.");
        String extra = System.getProperty(SerialFilter.PROPERTY);
        if (extra != null) {
            for (String p : extra.split(";")) {
                String s = p.trim();
                if (s.isEmpty() || s.startsWith("!")) {
                    continue;
                }
                if (s.endsWith(".**")) {
                    allow.addPrefixes(s.substring(0, s.length() - 2));
                } else if (s.endsWith(".*")) {
                    allow.addPackages(s.substring(0, s.length() - 2));
                } else {
                    allow.addClasses(s);
                }
            }
        }
        return new JavaSerializationFilterConfig().setWhitelist(allow);
    }
}
