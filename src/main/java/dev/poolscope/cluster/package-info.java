/**
 * The {@code cluster} pool kind: tasks on Hazelcast members in their own JVMs
 * ({@link dev.poolscope.cluster.ClusterWorkerPool}), the member JVM's main
 * class ({@link dev.poolscope.cluster.MemberMain}) and the settings every
 * member and client shares ({@link dev.poolscope.cluster.HazelcastSetup}).
 */
package dev.poolscope.cluster;
