/**
 * The deep probe: code that runs inside a target JVM that {@code poolscope watch --deep} attached to.
 * {@link dev.poolscope.agent.AgentLauncher} is the agent class on the target's system class path; it loads the
 * rest, with ByteBuddy, into a class loader of its own so it can never clash with the application's classes.
 * {@link dev.poolscope.agent.DeepAgent} adds advice to {@code ThreadPoolExecutor}, finds the pools that already
 * exist by their worker threads, and publishes every pool's figures through the {@link dev.poolscope.agent.PoolProbe}
 * MBean; it removes its advice on detach, or when no reader has called for a while.
 */
package dev.poolscope.agent;
