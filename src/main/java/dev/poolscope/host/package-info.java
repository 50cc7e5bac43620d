/**
 * Runs in a JVM of their own: the engine host, a long-lived child process that
 * executes runs for a parent (the dashboard) with the same engine as
 * {@code poolscope run}, and the parent's side of the link.
 *
 * <p>The link is line-delimited JSON over the child's standard input and
 * output: the parent sends {@link dev.poolscope.host.HostRequest}s, the child
 * answers with {@link dev.poolscope.host.HostEvent}s and streams coalesced
 * snapshots and the final report. The child exits when its input ends, so it
 * never outlives the parent. {@link dev.poolscope.host.RunBackend} puts the
 * in-process engine and the engine host behind one interface.
 */
package dev.poolscope.host;
