/**
 * The hooks that the deep probe's advice, inlined into {@code java.util.concurrent.ThreadPoolExecutor}, calls.
 * They are loaded by the bootstrap class loader of the target, so they use nothing but the JDK.
 * Every figure is recorded per worker thread by that thread alone (no shared atomics on a task's path);
 * the probe's reader sums the workers' records, so all figures are approximate while tasks run.
 */
package dev.poolscope.agent.boot;
