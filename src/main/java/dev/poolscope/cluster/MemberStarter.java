package dev.poolscope.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Starts the member JVMs of a cluster pool on loopback: at the pool's start
 * the first one alone and then the others at once; replacements and added
 * members one at a time on a thread of their own. Each member gets a free
 * port, and joins the members already there.
 */
final class MemberStarter {
    static final String LOOPBACK = "127.0.0.1";
    private static final int START_TRIES = 3;
    /** Longest wait for a member's ready line: about 1-2.5 s on an idle machine, a minute and more on a loaded one. */
    static final long START_MILLIS = 180_000;

    private final ClusterWorkerPool pool;
    private final String clusterName;
    private final List<String> jvmOptions;
    private final List<MemberProcess> all = new CopyOnWriteArrayList<>();

    MemberStarter(ClusterWorkerPool pool, String clusterName, List<String> jvmOptions) {
        this.pool = pool;
        this.clusterName = clusterName;
        this.jvmOptions = List.copyOf(jvmOptions);
    }

    /** Every member process started so far. */
    List<MemberProcess> all() {
        return all;
    }

    /**
     * Starts a member for each slot and waits until all are ready; kills them
     * all if one fails. The first member starts alone and becomes the master
     * at once; the others then start together and join it. (Members that start
     * together with no master among them wait Hazelcast's five seconds for one
     * another before they elect one.)
     */
    List<MemberProcess> startAll(List<MemberSlot> slots) {
        List<Integer> ports = new ArrayList<>();
        for (MemberSlot s : slots) {
            ports.add(s.port != 0 ? s.port : freePort());
        }
        String master = LOOPBACK + ":" + ports.get(0);
        List<MemberProcess> procs = new ArrayList<>();
        try {
            for (int i = 0; i < slots.size(); i++) {
                slots.get(i).port = ports.get(i);
                String self = LOOPBACK + ":" + ports.get(i);
                procs.add(start(slots.get(i), ports.get(i), i == 0 ? List.of(self) : List.of(master, self)));
                if (i == 0) {
                    procs.get(0).awaitReady(START_MILLIS);
                }
            }
            for (MemberProcess p : procs) {
                p.awaitReady(START_MILLIS);
            }
            return procs;
        } catch (IOException e) {
            procs.forEach(MemberProcess::kill);
            throw new ClusterStartException("cluster pool: a member did not start: " + e.getMessage(), e);
        }
    }

    private MemberProcess start(MemberSlot slot, int port, List<String> join) throws IOException {
        MemberProcess p = MemberProcess.start(clusterName, LOOPBACK, port, join, slot.threads, jvmOptions);
        all.add(p);
        p.process.onExit().thenAccept(h -> pool.losses.memberExited(slot, p, h.exitValue()));
        return p;
    }

    /** Starts a replacement for the member a slot lost, on a thread of its own. */
    void replace(MemberSlot slot, String reason) {
        Thread t = new Thread(() -> {
            MemberProcess p = startOne(slot);
            if (p != null) {
                pool.losses.replaced(slot, p, reason);
            }
        }, "cluster-pool-replace-" + slot.id);
        t.setDaemon(true);
        t.start();
    }

    /** Starts a member for a slot added by a resize, on a thread of its own. */
    void grow(MemberSlot slot) {
        Thread t = new Thread(() -> {
            MemberProcess p = startOne(slot);
            if (p != null) {
                pool.losses.grown(slot, p);
            }
        }, "cluster-pool-grow-" + slot.id);
        t.setDaemon(true);
        t.start();
    }

    private MemberProcess startOne(MemberSlot slot) {
        String why = "";
        for (int i = 0; i < START_TRIES && !pool.closing(); i++) {
            List<String> join = new ArrayList<>(pool.memberAddresses());
            if (slot.port == 0) {
                slot.port = freePort();
            }
            int port = slot.port;
            join.add(LOOPBACK + ":" + port);
            try {
                MemberProcess p = start(slot, port, join);
                p.awaitReady(START_MILLIS);
                if (pool.closing()) {
                    p.stop();
                    return null;
                }
                return p;
            } catch (IOException | RuntimeException e) {
                why = e.getMessage();
            }
        }
        if (!pool.closing()) {
            pool.losses.replacementFailed(slot, why);
        }
        return null;
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK))) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on loopback", e);
        }
    }
}
