package dev.poolscope.cluster;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;

import java.io.Serial;
import java.io.Serializable;
import java.util.concurrent.Callable;

/**
 * One task on its way to a member: the user's serializable callable (a
 * built-in workload by name, or a serializable task of the Java API) plus the
 * pool run and task id. On the member it records when the task started and
 * ended ({@link System#nanoTime()} there) and returns those instants with the
 * result or the task's own exception, the member and the thread. The task
 * is listed in the member's {@link MemberTasks} while it runs.
 */
final class TaskEnvelope implements Callable<EnvelopeResult>, Serializable, HazelcastInstanceAware {
    @Serial
    private static final long serialVersionUID = 1L;

    private final String run;
    private final long taskId;
    private final Callable<?> body;
    private transient HazelcastInstance member;

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
        String memberId = member == null ? "?" : member.getCluster().getLocalMember().getUuid().toString();
        long start = System.nanoTime();
        if (tasks != null) {
            tasks.started(run, taskId, start);
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
    public String toString() {
        return "TaskEnvelope[" + run + "#" + taskId + ", " + body + "]";
    }
}
