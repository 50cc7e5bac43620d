package dev.poolscope.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import dev.poolscope.process.WorkerMain;

import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * The main class of a member JVM that a cluster pool starts. Arguments:
 * cluster name, bind address, first port, join addresses (comma-separated,
 * or {@code -}), task threads. It starts a Hazelcast member with
 * {@link HazelcastSetup#member}, writes one line {@code READY uuid host:port pid}
 * to its standard output, and leaves the cluster and exits when its standard
 * input ends (the pool closed it, or the pool's JVM died), so a member never
 * outlives its pool.
 */
public final class MemberMain {
    /** The line prefix of the ready handshake. */
    static final String READY = "READY";

    private MemberMain() {
    }

    /**
     * Starts a member in this JVM with PoolScope's settings and a
     * {@link MemberTasks} table in its user context.
     */
    public static HazelcastInstance start(String clusterName, String bind, int port, List<String> join, int threads) {
        Config c = HazelcastSetup.member(clusterName, bind, port, join, threads);
        c.getUserContext().put(MemberTasks.KEY, new MemberTasks());
        return Hazelcast.newHazelcastInstance(c);
    }

    /** The member's address as {@code host:port}. */
    public static String address(HazelcastInstance hz) {
        InetSocketAddress a = hz.getCluster().getLocalMember().getSocketAddress();
        return a.getHostString() + ":" + a.getPort();
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 5) {
            throw new IllegalArgumentException("usage: MemberMain CLUSTER BIND PORT JOIN|- THREADS, was " + Arrays.toString(args));
        }
        System.setProperty(WorkerMain.WORKER_PROPERTY, "true"); // the fault workloads may take this JVM down
        List<String> join = "-".equals(args[3]) ? List.of() : List.of(args[3].split(","));
        HazelcastInstance hz = start(args[0], args[1], Integer.parseInt(args[2]), join, Integer.parseInt(args[4]));
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        out.println(READY + " " + hz.getCluster().getLocalMember().getUuid() + " " + address(hz) + " "
                + ProcessHandle.current().pid());
        try (InputStream in = new FileInputStream(FileDescriptor.in)) {
            byte[] buf = new byte[256];
            while (in.read(buf) >= 0) {
                // nothing is sent: the pipe only tells the member that its pool is there
            }
        } catch (IOException e) {
            // the pool is gone
        }
        try {
            hz.getLifecycleService().terminate(); // a member holds no data: nothing to hand over
        } finally {
            Runtime.getRuntime().halt(0);
        }
    }
}
