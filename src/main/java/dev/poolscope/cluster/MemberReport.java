package dev.poolscope.cluster;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;

import java.io.IOException;
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
 * Travels, as its answer does, in Hazelcast's compact
 * {@link IdentifiedDataSerializable} form: a report goes to every member many
 * times a second, and Java serialization of it cost both sides more CPU than
 * the report itself.
 */
final class MemberReport implements Callable<MemberStatus>, IdentifiedDataSerializable, HazelcastInstanceAware {

    /** Looked up once: the platform's lookup walks its MBean providers on every call. */
    private static final com.sun.management.OperatingSystemMXBean OS =
            ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os ? os : null;
    private String run;
    private String executor;
    private transient HazelcastInstance member;

    /** For deserialization. */
    MemberReport() {
    }

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

    @Override
    public int getFactoryId() {
        return EnvelopeFactory.ID;
    }

    @Override
    public int getClassId() {
        return EnvelopeFactory.REPORT;
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        out.writeString(run);
        out.writeString(executor);
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        run = in.readString();
        executor = in.readString();
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
