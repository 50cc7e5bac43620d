package dev.poolscope.pool;

import java.util.List;

/**
 * Where a cluster pool runs its tasks: on {@code members} member JVMs it
 * starts on loopback, or, when {@code addresses} is not empty, on an existing
 * cluster reached at those addresses. Other kinds ignore it.
 *
 * @param members member JVMs to start, 1..{@value #MAX_MEMBERS}, or 0 for the default: two, or one
 *        when there is only one worker (ignored when joining)
 * @param addresses {@code host[:port]} of members of an existing cluster to join; empty to start members
 * @param clusterName the cluster's name; null for a fresh name per pool (only when starting members)
 */
public record ClusterTarget(int members, List<String> addresses, String clusterName) {
    /** The most member JVMs a pool starts. */
    public static final int MAX_MEMBERS = 16;
    /** The default: two members on loopback, a cluster name per pool. */
    public static final ClusterTarget DEFAULT = new ClusterTarget(0, List.of(), null);
    /** The member count of the default. */
    public static final int DEFAULT_MEMBERS = 2;

    public ClusterTarget {
        addresses = addresses == null ? List.of() : List.copyOf(addresses);
        if (members < 0 || members > MAX_MEMBERS) {
            throw new IllegalArgumentException("members must be between 1 and " + MAX_MEMBERS + ", was " + members);
        }
        if (!addresses.isEmpty() && (clusterName == null || clusterName.isBlank())) {
            throw new IllegalArgumentException("joining a cluster needs its cluster name");
        }
    }

    /** The members to start for this many workers. */
    public int membersFor(int workers) {
        return members == 0 ? Math.min(DEFAULT_MEMBERS, workers) : members;
    }

    /** True if the pool joins an existing cluster instead of starting members. */
    public boolean joins() {
        return !addresses.isEmpty();
    }
}
