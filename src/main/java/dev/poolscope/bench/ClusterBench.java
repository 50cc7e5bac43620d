package dev.poolscope.bench;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.IExecutorService;
import dev.poolscope.cluster.ClusterWorkerPool;
import dev.poolscope.cluster.HazelcastSetup;
import dev.poolscope.pool.ClusterTarget;
import dev.poolscope.pool.PoolConfig;
import dev.poolscope.pool.PoolRegistry;
import dev.poolscope.pool.WorkerPool;
import dev.poolscope.workload.WorkloadSpec;
import dev.poolscope.workload.WorkloadTask;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The cluster pool against Hazelcast's own {@link IExecutorService} on the
 * same members: two members of one thread each, both sides submitting the
 * same serializable {@code noop} workload tasks round by round (all
 * submitted, then all awaited), interleaved; the ratio is the pool's median
 * throughput over the bare executor's. Also one task's round trip
 * ({@code submit(noop).get()}) through each, and the {@code cpu} workload on
 * two members of one thread against one member of one thread (the same
 * tasks, both pools' members warmed alike, trials of about 2 s (quick) or
 * 4 s (full) on one member, alternating 1, 2, 2, 1, ...; member start-up is
 * outside the timing).
 */
public final class ClusterBench {
    /**
     * The {@code cluster} section.
     *
     * @param members members of the compared cluster (one thread each)
     * @param tinyTasks no-op tasks per round
     * @param barePerSecond bare IExecutorService throughput, median
     * @param poolPerSecond the cluster pool's, median
     * @param ratio pool / bare
     * @param bareRoundTripMicrosP50 one task's round trip through the bare executor, median
     * @param poolRoundTripMicrosP50 the same through the pool
     * @param oneMemberCpuSeconds cpu tasks on one member of one thread, median wall time
     * @param twoMembersCpuSeconds the same tasks on two members of one thread each
     * @param cpuSpeedup one-member time / two-member time (ideal: 2)
     * @param cpuTaskSize the {@code cpu} tasks' {@code size}
     * @param cpuTasksPerTrial {@code cpu} tasks per trial, the same on both sides
     * @param cpuTaskMillis a one-member trial's time per {@code cpu} task, from the last warm-up
     */
    public record Result(int members, int tinyTasks, double barePerSecond, double poolPerSecond, double ratio,
                         double bareRoundTripMicrosP50, double poolRoundTripMicrosP50, double oneMemberCpuSeconds,
                         double twoMembersCpuSeconds, double cpuSpeedup, int cpuTaskSize, int cpuTasksPerTrial,
                         double cpuTaskMillis) {
    }

    private static final WorkloadSpec NOOP = WorkloadSpec.of("noop");
    private final BenchConfig config;
    private final PoolRegistry registry;
    private final Consumer<String> progress;

    public ClusterBench(BenchConfig config, PoolRegistry registry, Consumer<String> progress) {
        this.config = config;
        this.registry = registry;
        this.progress = progress;
    }

    private WorkerPool pool(int members) {
        return registry.create("cluster", PoolConfig.of(members).withCluster(new ClusterTarget(members, List.of(), null)));
    }

    /** Runs the section. */
    public Result run() throws Exception {
        int tiny = Math.max(1000, config.noopTasks() / 20);
        int pings = Math.max(200, config.pingPongs());
        List<Double> bare = new ArrayList<>();
        List<Double> observed = new ArrayList<>();
        List<Double> bareRt = new ArrayList<>();
        List<Double> poolRt = new ArrayList<>();
        List<Double> two = new ArrayList<>();
        List<Double> one = new ArrayList<>();
        CpuTrial cpu;
        WorkerPool p2 = pool(2);
        try {
            ClusterWorkerPool cp = (ClusterWorkerPool) p2;
            HazelcastInstance client = HazelcastClient.newHazelcastClient(
                    HazelcastSetup.client(cp.clusterName(), cp.memberAddresses()));
            try {
                IExecutorService ex = client.getExecutorService(HazelcastSetup.TASKS_EXECUTOR);
                List<Member> members = new ArrayList<>(client.getCluster().getMembers());
                progress.accept("cluster: warming up");
                bareRound(ex, members, tiny / 2);
                poolRound(p2, tiny / 2);
                for (int r = 0; r < config.rounds(); r++) {
                    progress.accept("cluster: round " + (r + 1) + " of " + config.rounds());
                    if (r % 2 == 0) {
                        bare.add(bareRound(ex, members, tiny));
                        observed.add(poolRound(p2, tiny));
                    } else {
                        observed.add(poolRound(p2, tiny));
                        bare.add(bareRound(ex, members, tiny));
                    }
                    bareRt.add(bareRoundTrip(ex, members.get(0), pings / config.rounds() + 1));
                    poolRt.add(poolRoundTrip(p2, pings / config.rounds() + 1));
                }
            } finally {
                client.shutdown();
            }
            WorkerPool p1 = pool(1);
            try {
                cpu = cpuTrials(p1, p2, one, two);
            } finally {
                close(p1);
            }
        } finally {
            close(p2);
        }
        double b = Stats.median(bare);
        double o = Stats.median(observed);
        double t1 = Stats.median(one);
        double t2 = Stats.median(two);
        return new Result(2, tiny, Stats.round(b, 0), Stats.round(o, 0), Stats.round(o / b, 3),
                Stats.round(Stats.median(bareRt), 1), Stats.round(Stats.median(poolRt), 1),
                Stats.round(t1, 3), Stats.round(t2, 3), Stats.round(t1 / t2, 2), cpu.size(), cpu.tasks(),
                Stats.round(cpu.taskMillis(), 2));
    }

    /** The {@code cpu} trials' shape: task size, tasks per trial, one task's time on a warm member. */
    private record CpuTrial(int size, int tasks, double taskMillis) {
    }

    /**
     * How long one trial on the one-member pool should take: long enough that
     * the fixed costs of a trial (the first task's trip out, the last reply's
     * trip back, the members' reports) are a few percent of it.
     */
    private double cpuTrialSeconds() {
        return switch (config.mode()) {
            case "full" -> 4.0;
            case "quick" -> 2.0;
            default -> 0.1;
        };
    }

    /**
     * The {@code cpu} comparison: tasks of {@code 4 x cpuSize} (tens of
     * milliseconds each, so a task's round trip is well under 1% of it); both
     * pools warmed alike (every member runs the same tasks until a round of
     * at least {@code cpuTrialSeconds / 8} shows a steady time per task, so
     * each member's task code is compiled; that round times a task); then
     * trials of the same tasks, as many as one warm member runs in
     * {@code cpuTrialSeconds}, alternating 1, 2, 2, 1, ...
     */
    private CpuTrial cpuTrials(WorkerPool p1, WorkerPool p2, List<Double> one, List<Double> two) throws Exception {
        int size = config.cpuSize() * 4;
        WorkloadSpec cpu = WorkloadSpec.parse("cpu:size=" + size);
        // untimed for the figures: both sides' members run the same tasks, in rounds of doubling size, until a
        // one-member round takes an eighth of a trial and its time per task is within 15% of the round before
        // (a member's first tasks run several times slower, until its JIT has compiled them)
        int perMember = 2;
        double previous = Double.MAX_VALUE;
        double taskSeconds;
        double spent = 0;
        while (true) {
            perMember *= 2;
            progress.accept("cluster: cpu, warming up (" + perMember + " tasks per member)");
            double warm = timed(p1, cpu, perMember);
            timed(p2, cpu, perMember * 2);
            spent += warm;
            taskSeconds = warm / perMember;
            boolean steady = Math.abs(taskSeconds - previous) <= 0.15 * previous;
            previous = taskSeconds;
            if ((warm >= cpuTrialSeconds() / 8 && steady) || spent >= 2 * cpuTrialSeconds() || perMember >= 4096) {
                break;
            }
        }
        int tasks = (int) Math.max(4, Math.ceil(cpuTrialSeconds() / taskSeconds));
        tasks += tasks % 2; // an even count: each of the two members gets the same share
        for (int r = 0; r < config.rounds(); r++) {
            progress.accept("cluster: cpu, round " + (r + 1) + " of " + config.rounds() + " (" + tasks + " tasks)");
            if (r % 2 == 1) {
                two.add(timed(p2, cpu, tasks));
                one.add(timed(p1, cpu, tasks));
            } else {
                one.add(timed(p1, cpu, tasks));
                two.add(timed(p2, cpu, tasks));
            }
        }
        return new CpuTrial(size, tasks, taskSeconds * 1e3);
    }

    private static void close(WorkerPool p) throws InterruptedException {
        p.shutdown();
        if (!p.awaitTermination(30, TimeUnit.SECONDS)) {
            p.shutdownNow();
            p.awaitTermination(10, TimeUnit.SECONDS);
        }
    }

    /** Tasks per second through the bare executor: all submitted round-robin over the members, then all awaited. */
    private static double bareRound(IExecutorService ex, List<Member> members, int n) throws Exception {
        List<Future<Object>> fs = new ArrayList<>(n);
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            fs.add(ex.submitToMember(new WorkloadTask(NOOP, 42, i, null), members.get(i % members.size())));
        }
        for (Future<Object> f : fs) {
            f.get(60, TimeUnit.SECONDS);
        }
        return n / ((System.nanoTime() - t0) / 1e9);
    }

    /** Tasks per second through the pool, submitted and awaited the same way. */
    private static double poolRound(WorkerPool p, int n) throws Exception {
        List<Future<Object>> fs = new ArrayList<>(n);
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            fs.add(p.submit(new WorkloadTask(NOOP, 42, i, null)));
        }
        for (Future<Object> f : fs) {
            f.get(60, TimeUnit.SECONDS);
        }
        return n / ((System.nanoTime() - t0) / 1e9);
    }

    private static double bareRoundTrip(IExecutorService ex, Member m, int n) throws Exception {
        List<Double> us = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            long t0 = System.nanoTime();
            ex.submitToMember(new WorkloadTask(NOOP, 42, i, null), m).get(30, TimeUnit.SECONDS);
            us.add((System.nanoTime() - t0) / 1e3);
        }
        return Stats.median(us);
    }

    private static double poolRoundTrip(WorkerPool p, int n) throws Exception {
        List<Double> us = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            long t0 = System.nanoTime();
            p.submit(new WorkloadTask(NOOP, 42, i, null)).get(30, TimeUnit.SECONDS);
            us.add((System.nanoTime() - t0) / 1e3);
        }
        return Stats.median(us);
    }

    private static double timed(WorkerPool p, WorkloadSpec spec, int n) throws Exception {
        List<Future<Object>> fs = new ArrayList<>(n);
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            fs.add(p.submit(new WorkloadTask(spec, 42, i, null)));
        }
        for (Future<Object> f : fs) {
            f.get(300, TimeUnit.SECONDS);
        }
        return (System.nanoTime() - t0) / 1e9;
    }
}
