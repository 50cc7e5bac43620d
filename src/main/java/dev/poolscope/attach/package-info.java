/**
 * Watching the pools of another running JVM on this machine. {@link dev.poolscope.attach.LocalJvms} lists the
 * JVMs and whether they can be attached to; {@link dev.poolscope.attach.TargetConnection} attaches, starts the
 * target's local management agent and connects over JMX; a {@link dev.poolscope.attach.Probe} reads the target's
 * pools: {@link dev.poolscope.attach.BasicProbe} from thread dumps only (nothing loaded into the target),
 * {@link dev.poolscope.attach.DeepProbe} from the agent in {@code dev.poolscope.agent};
 * {@link dev.poolscope.attach.Watch} samples a probe into per-pool series and one final report.
 * No JavaFX and no printing here.
 */
package dev.poolscope.attach;
