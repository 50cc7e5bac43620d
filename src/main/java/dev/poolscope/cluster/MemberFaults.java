package dev.poolscope.cluster;

import com.hazelcast.core.HazelcastInstanceNotActiveException;
import com.hazelcast.core.MemberLeftException;
import com.hazelcast.spi.exception.TargetDisconnectedException;
import com.hazelcast.spi.exception.TargetNotMemberException;

/** Which of Hazelcast's exceptions mean that the member, not the task, failed. */
final class MemberFaults {
    private MemberFaults() {
    }

    /** True if the failure says the target member left, was cut off, or is no member. */
    static boolean memberGone(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof MemberLeftException || c instanceof TargetDisconnectedException
                    || c instanceof TargetNotMemberException || c instanceof HazelcastInstanceNotActiveException
                    || c instanceof com.hazelcast.client.HazelcastClientOfflineException) {
                return true;
            }
        }
        return false;
    }

    /** Why a member process ended, from its exit code. */
    static String exitReason(int code) {
        if (code > 128) {
            int sig = code - 128;
            return "was killed by signal " + sig + (sig == 9 ? " (SIGKILL)" : sig == 15 ? " (SIGTERM)" : "");
        }
        return "exited with code " + code;
    }
}
