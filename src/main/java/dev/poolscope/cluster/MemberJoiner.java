package dev.poolscope.cluster;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.cluster.Member;
import com.hazelcast.config.ExecutorConfig;
import dev.poolscope.cluster.MemberSlot.Pending;
import dev.poolscope.cluster.MemberSlot.Standing;
import dev.poolscope.pool.PoolConfig;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Brings a {@link ClusterWorkerPool}'s members in: starts its member JVMs and
 * connects its client to them, or joins an existing cluster, and opens a
 * slot once the client sees its member.
 *
 * <p>Every method takes the pool's {@link ClusterWorkerPool#lock} itself and
 * must be called without it.
 */
final class MemberJoiner {
    private final ClusterWorkerPool pool;

    MemberJoiner(ClusterWorkerPool pool) {
        this.pool = pool;
    }

    /** Starts the pool's member JVMs, connects its client and waits until every member has joined. */
    void startMembers() {
        PoolConfig config = pool.config();
        int m = pool.target.membersFor(config.workers());
        if (config.workers() < m) {
            throw new IllegalArgumentException("workers must be at least the member count (" + m
                    + ") for pool 'cluster', was " + config.workers());
        }
        List<MemberSlot> made = new ArrayList<>();
        pool.lock.lock();
        try {
            for (int i = 0; i < m; i++) {
                int threads = config.workers() / m + (i < config.workers() % m ? 1 : 0);
                made.add(pool.newStartedSlot(threads));
            }
        } finally {
            pool.lock.unlock();
        }
        List<MemberProcess> procs = pool.starter.startAll(made);
        try {
            pool.client = HazelcastClient.newHazelcastClient(HazelcastSetup.client(pool.clusterName,
                    procs.stream().map(p -> p.address).toList()));
        } catch (RuntimeException e) {
            for (MemberProcess p : procs) {
                if (p.exitedWithin(0)) {
                    throw new ClusterStartException("cluster member " + p.address + " (PID " + p.pid + ") "
                            + p.exitReason() + " before the pool's client connected", e);
                }
            }
            throw e;
        }
        pool.executor = pool.client.getExecutorService(pool.executorName);
        pool.reports = pool.client.getExecutorService(HazelcastSetup.REPORTS_EXECUTOR);
        pool.client.getCluster().addMembershipListener(pool.losses.listener());
        for (int i = 0; i < made.size(); i++) {
            awaitJoined(made.get(i), procs.get(i));
        }
    }

    /** Connects the pool's client to the cluster of its target and opens a slot for every member. */
    void join() {
        PoolConfig config = pool.config();
        pool.client = HazelcastClient.newHazelcastClient(HazelcastSetup.client(pool.clusterName, pool.target.addresses()));
        List<Member> members = new ArrayList<>(pool.client.getCluster().getMembers());
        int perMember = Math.max(1, (config.workers() + members.size() - 1) / members.size());
        pool.client.getConfig().addExecutorConfig(new ExecutorConfig(pool.executorName).setPoolSize(perMember));
        pool.executor = pool.client.getExecutorService(pool.executorName);
        pool.reports = pool.client.getExecutorService(HazelcastSetup.REPORTS_EXECUTOR);
        pool.lock.lock();
        try {
            pool.targetThreads = perMember * members.size();
            for (Member mem : members) {
                MemberSlot s = pool.newSlot(perMember, mem.getAddress().getHost() + ":" + mem.getAddress().getPort());
                s.member = mem;
                s.standing = Standing.UP;
            }
        } finally {
            pool.lock.unlock();
        }
        pool.client.getCluster().addMembershipListener(pool.losses.listener());
    }

    /**
     * Waits until the client sees the member that started in this slot, then opens the slot.
     *
     * @throws ClusterStartException if the member does not join in 60 s or the wait is interrupted
     */
    void awaitJoined(MemberSlot s, MemberProcess p) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        Member found = null;
        while (found == null) {
            for (Member m : pool.client.getCluster().getMembers()) {
                if (m.getUuid().toString().equals(p.uuid)) {
                    found = m;
                }
            }
            if (found == null) {
                if (!p.alive() && p.exitedWithin(0)) {
                    throw new ClusterStartException("cluster member " + p.address + " (PID " + p.pid + ") "
                            + p.exitReason() + " before the pool's client saw it join", null);
                }
                if (System.nanoTime() > deadline) {
                    throw new ClusterStartException("member " + p.address + " (PID " + p.pid
                            + ") started but the pool's client did not see it join in 60 s", null);
                }
                try {
                    Thread.sleep(10); // polling Hazelcast's member list; membership events may come before the list changes
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new ClusterStartException("interrupted while waiting for a member to join", e);
                }
            }
        }
        List<Pending> send = new ArrayList<>();
        pool.lock.lock();
        try {
            s.member = found;
            s.lastAskedNanos = 0; // a new member reports at the next tick
            s.process = p;
            s.address = p.address;
            s.pid = p.pid;
            s.sameMachine = true;
            s.startupMillis.add(p.startupMillis);
            if (s.standing == Standing.STARTING || s.standing == Standing.DEAD) {
                s.standing = Standing.UP;
            }
            s.recorder.setProcessFigures(p.pid, -1, -1, p.startupMillis);
            pool.dispatcher.drainWaiting(send);
            pool.changed.signalAll();
        } finally {
            pool.lock.unlock();
        }
        send.forEach(pool.dispatcher::send);
    }
}
