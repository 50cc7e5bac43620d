/**
 * The {@code cluster} pool kind: tasks on Hazelcast members in their own JVMs
 * ({@link dev.poolscope.cluster.ClusterWorkerPool}, a facade over package-private
 * parts that start or join members, give tasks to member slots, handle replies
 * and member reports, handle member loss and replacement, resize and close),
 * the member JVM's main class ({@link dev.poolscope.cluster.MemberMain}) and the
 * settings every member and client shares ({@link dev.poolscope.cluster.HazelcastSetup}).
 */
package dev.poolscope.cluster;
