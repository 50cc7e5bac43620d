package dev.poolscope.cluster;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;

import java.io.IOException;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;

/**
 * One task on its way to a member: the user's serializable callable (a
 * built-in workload by name, or a serializable task of the Java API) plus the
 * pool run and task id. On the member it records when the task started and
 * ended ({@link System#nanoTime()} there) and returns those instants with the
 * result or the task's own exception, the member and the thread. The task
 * is listed in the member's {@link MemberTasks} while it runs. The envelope
 * itself travels in Hazelcast's compact {@link IdentifiedDataSerializable}
 * form ({@link EnvelopeFactory}); the callable inside it as Java serialization,
 * through the allow-list.
 */
final class TaskEnvelope implements Callable<EnvelopeResult>, IdentifiedDataSerializable, HazelcastInstanceAware {
    private String run;
    private long taskId;
    private Callable<?> body;
    private transient HazelcastInstance member;

    /** For deserialization. */
    TaskEnvelope() {
    }

    TaskEnvelope(String run, long taskId, Callable<?> body) {
        this.run = run;
        this.taskId = taskId;
        this.body = body;
    }

    @Override
    public void setHazelcastInstance(HazelcastInstance hz) {
        this.member = hz;
    }

    @Override
    public EnvelopeResult call() {
        MemberTasks tasks = member == null ? null : (MemberTasks) member.getUserContext().get(MemberTasks.KEY);
        UUID memberId = member == null ? new UUID(0, 0) : member.getCluster().getLocalMember().getUuid();
        long start = System.nanoTime();
        if (tasks != null && !tasks.started(run, taskId, start)) {
            // cancelled before it started (the pool's future is cancelled already and ignores this reply)
            return new EnvelopeResult(null, new CancellationException("cancelled before it started"), start, start,
                    memberId, Thread.currentThread().getName());
        }
        Object value = null;
        Throwable failure = null;
        try {
            value = body.call();
        } catch (Throwable t) {
            failure = t;
        } finally {
            if (tasks != null) {
                tasks.ended(run, taskId);
            }
        }
        long end = System.nanoTime();
        return new EnvelopeResult(value, failure, start, end, memberId, Thread.currentThread().getName());
    }

    @Override
    public int getFactoryId() {
        return EnvelopeFactory.ID;
    }

    @Override
    public int getClassId() {
        return EnvelopeFactory.TASK;
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        out.writeString(run);
        out.writeLong(taskId);
        out.writeObject(body);
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        run = in.readString();
        taskId = in.readLong();
        body = in.readObject();
    }

    @Override
    public String toString() {
        return "TaskEnvelope[" + run + "#" + taskId + ", " + body + "]";
    }
}
