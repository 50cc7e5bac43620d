package dev.poolscope.cluster;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A member's answer to a {@link MemberReport}, in Hazelcast's compact
 * {@link IdentifiedDataSerializable} form.
 */
final class MemberStatus implements IdentifiedDataSerializable {
    private long nowNanos;
    private long queued;
    private List<Long> running;
    private List<Long> runningSince;
    private long pid;
    private long cpuNanos;
    private long rssBytes;

    /** For deserialization. */
    MemberStatus() {
    }

    /**
     * @param nowNanos the member's {@link System#nanoTime()} when it answered
     * @param queued tasks of the run waiting in the member's executor queue
     * @param running ids of the run's tasks running on the member
     * @param runningSince their start instants (member clock), in the same order
     * @param pid the member's process id
     * @param cpuNanos CPU time the member process has used, or -1
     * @param rssBytes its resident memory
     */
    MemberStatus(long nowNanos, long queued, List<Long> running, List<Long> runningSince, long pid, long cpuNanos,
                 long rssBytes) {
        this.nowNanos = nowNanos;
        this.queued = queued;
        this.running = List.copyOf(running);
        this.runningSince = List.copyOf(runningSince);
        this.pid = pid;
        this.cpuNanos = cpuNanos;
        this.rssBytes = rssBytes;
    }

    long nowNanos() {
        return nowNanos;
    }

    long queued() {
        return queued;
    }

    List<Long> running() {
        return running;
    }

    List<Long> runningSince() {
        return runningSince;
    }

    long pid() {
        return pid;
    }

    long cpuNanos() {
        return cpuNanos;
    }

    long rssBytes() {
        return rssBytes;
    }

    @Override
    public int getFactoryId() {
        return EnvelopeFactory.ID;
    }

    @Override
    public int getClassId() {
        return EnvelopeFactory.STATUS;
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        out.writeLong(nowNanos);
        out.writeLong(queued);
        out.writeInt(running.size());
        for (int i = 0; i < running.size(); i++) {
            out.writeLong(running.get(i));
            out.writeLong(runningSince.get(i));
        }
        out.writeLong(pid);
        out.writeLong(cpuNanos);
        out.writeLong(rssBytes);
    }

    /** The most running tasks a report may list (a member has far fewer threads); a longer list is refused unread. */
    static final int MAX_RUNNING = 1 << 16;

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        nowNanos = in.readLong();
        queued = in.readLong();
        int n = in.readInt();
        if (n < 0 || n > MAX_RUNNING) {
            throw new IOException("a member report lists " + n + " running tasks; at most " + MAX_RUNNING + " are read");
        }
        List<Long> ids = new ArrayList<>(n);
        List<Long> since = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            ids.add(in.readLong());
            since.add(in.readLong());
        }
        running = ids;
        runningSince = since;
        pid = in.readLong();
        cpuNanos = in.readLong();
        rssBytes = in.readLong();
    }

    @Override
    public String toString() {
        return "MemberStatus[pid=" + pid + ", queued=" + queued + ", running=" + running + "]";
    }
}
