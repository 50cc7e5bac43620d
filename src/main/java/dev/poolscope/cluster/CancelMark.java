package dev.poolscope.cluster;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;

import java.io.Serial;
import java.io.Serializable;
import java.util.concurrent.Callable;

/**
 * Tells a member that a pool cancelled one of its tasks, for when Hazelcast's
 * own cancel did not find the task there: the cancel can overtake the task's
 * submission on the member (they run on different operation threads), and
 * the task would then run although it was cancelled before it started. With
 * the mark in the member's {@link MemberTasks} the envelope skips the task
 * when it arrives. Runs on {@link HazelcastSetup#REPORTS_EXECUTOR}.
 */
final class CancelMark implements Callable<Boolean>, Serializable, HazelcastInstanceAware {
    @Serial
    private static final long serialVersionUID = 1L;

    private final String run;
    private final long taskId;
    private transient HazelcastInstance member;

    CancelMark(String run, long taskId) {
        this.run = run;
        this.taskId = taskId;
    }

    @Override
    public void setHazelcastInstance(HazelcastInstance hz) {
        this.member = hz;
    }

    /** True if the task had not started on the member (it never will). */
    @Override
    public Boolean call() {
        MemberTasks tasks = (MemberTasks) member.getUserContext().get(MemberTasks.KEY);
        return tasks != null && tasks.cancelBeforeStart(run, taskId);
    }
}
