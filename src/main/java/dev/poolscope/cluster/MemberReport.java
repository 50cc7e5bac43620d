package dev.poolscope.cluster;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;

import java.io.Serial;
import java.io.Serializable;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * Asks a member what it is doing for one pool run: its queued task count
 * (Hazelcast's pending count of the run's executor), the tasks running with
 * their start instants, and its process figures. Runs on the member's
 * {@link HazelcastSetup#REPORTS_EXECUTOR}, so it never waits behind tasks.
 */
final class MemberReport implements Callable<MemberStatus>, Serializable, HazelcastInstanceAware {
    @Serial
    private static final long serialVersionUID = 1L;

    /** Looked up once: the platform's lookup walks its MBean providers on every call. */
    private static final com.sun.management.OperatingSystemMXBean OS =
            ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os ? os : null;
    private final String run;
    private final String executor;
    private transient HazelcastInstance member;

    MemberReport(String run, String executor) {
        this.run = run;
        this.executor = executor;
    }

    @Override
    public void setHazelcastInstance(HazelcastInstance hz) {
        this.member = hz;
    }

    @Override
    public MemberStatus call() {
        long queued = member.getExecutorService(executor).getLocalExecutorStats().getPendingTaskCount();
        MemberTasks tasks = (MemberTasks) member.getUserContext().get(MemberTasks.KEY);
        List<Long> ids = new ArrayList<>();
        List<Long> starts = new ArrayList<>();
        if (tasks != null) {
            for (long[] r : tasks.running(run)) {
                ids.add(r[0]);
                starts.add(r[1]);
            }
        }
        long cpu = OS == null ? -1 : OS.getProcessCpuTime();
        return new MemberStatus(System.nanoTime(), queued, ids, starts, ProcessHandle.current().pid(), cpu, rss());
    }

    /** Resident memory from /proc (Linux), else the heap in use. */
    private static long rss() {
        try {
            String[] f = Files.readString(Path.of("/proc/self/statm")).trim().split("\\s+");
            return Long.parseLong(f[1]) * 4096L;
        } catch (Exception e) {
            Runtime r = Runtime.getRuntime();
            return r.totalMemory() - r.freeMemory();
        }
    }
}
