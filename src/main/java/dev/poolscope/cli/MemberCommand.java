package dev.poolscope.cli;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.LifecycleEvent;
import dev.poolscope.cluster.HazelcastSetup;
import dev.poolscope.cluster.MemberMain;
import dev.poolscope.engine.InvalidSpecException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * {@code poolscope member}: starts one Hazelcast member of a cluster in this
 * JVM, for {@code run --pool cluster --cluster ADDRESS --cluster-name NAME}
 * on another machine. Runs until stopped (Ctrl-C).
 */
@Command(name = "member", mixinStandardHelpOptions = true,
        description = "Start a cluster member here, for 'poolscope run --pool cluster --cluster ADDRESS --cluster-name NAME' "
                + "elsewhere. Binds to loopback unless --bind is given. Hazelcast's open-source edition has no "
                + "authentication: a member reachable from a network runs tasks for anyone who can reach it. Ctrl-C stops it.")
public final class MemberCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec cmd;

    @Option(names = "--cluster-name", paramLabel = "NAME", required = true, description = "the cluster's name (every member and pool uses the same)")
    String clusterName;

    @Option(names = "--bind", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
            description = "the address to bind and announce (default: ${DEFAULT-VALUE}, loopback only)")
    String bind;

    @Option(names = "--join", paramLabel = "ADDRESS[,ADDRESS...]", split = ",",
            description = "addresses (host[:port]) of members already running, to join their cluster")
    List<String> join = new ArrayList<>();

    @Option(names = "--port", paramLabel = "N", defaultValue = "" + HazelcastSetup.DEFAULT_PORT,
            description = "first port to try (the next ones if taken; default: ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--threads", paramLabel = "N", description = "task threads for pools started here (default: the number of cores)")
    Integer threads;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = cmd.commandLine().getOut();
        PrintWriter err = cmd.commandLine().getErr();
        if (clusterName.isBlank()) {
            throw new InvalidSpecException("--cluster-name", "must not be blank");
        }
        if (port < 1 || port > 65535) {
            throw new InvalidSpecException("--port", "must be between 1 and 65535, was " + port);
        }
        int n = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        if (n < 1 || n > 256) {
            throw new InvalidSpecException("--threads", "must be between 1 and 256, was " + n);
        }
        InetAddress a;
        try {
            a = InetAddress.getByName(bind);
        } catch (UnknownHostException e) {
            throw new InvalidSpecException("--bind", "unknown address '" + bind + "'");
        }
        if (!a.isLoopbackAddress()) {
            err.println("warning: binding " + bind + ", beyond loopback: Hazelcast's open-source edition has no authentication,"
                    + " so anyone who can reach this port can join the cluster and have it run PoolScope's tasks;"
                    + " keep it on a trusted network");
        }
        HazelcastInstance hz = MemberMain.start(clusterName, bind, port, join, n);
        CountDownLatch gone = new CountDownLatch(1);
        hz.getLifecycleService().addLifecycleListener(e -> {
            if (e.getState() == LifecycleEvent.LifecycleState.SHUTDOWN) {
                gone.countDown();
            }
        });
        String address = MemberMain.address(hz);
        out.println("member " + address + " of cluster '" + clusterName + "' is up (PID " + ProcessHandle.current().pid()
                + ", " + hz.getCluster().getMembers().size() + " member(s) in the cluster); use it with:");
        out.println("  poolscope run --pool cluster --cluster " + address + " --cluster-name " + clusterName + " ...");
        out.println("Ctrl-C stops it.");
        out.flush();
        gone.await();
        return 0;
    }
}
