package dev.poolscope.agent;

import java.lang.instrument.Instrumentation;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;

/**
 * The agent class of {@code poolscope-agent.jar}: loads the probe from {@code poolscope-probe.jar} and ByteBuddy
 * from {@code poolscope-byte-buddy.jar}, both in the folder the argument {@code dir=FOLDER} names (else beside this
 * class's jar), into one class loader of their own (the platform loader its parent), once per target JVM, and
 * starts it. Loading it again restarts the same probe.
 */
public final class AgentLauncher {
    private static ClassLoader probeLoader;

    private AgentLauncher() {
    }

    /** Entry point when loaded into a running JVM. */
    public static void agentmain(String args, Instrumentation inst) throws Exception {
        start(args, inst);
    }

    /** Entry point with {@code -javaagent} (benchmarks). */
    public static void premain(String args, Instrumentation inst) throws Exception {
        start(args, inst);
    }

    private static synchronized void start(String args, Instrumentation inst) throws Exception {
        if (probeLoader == null) {
            Path dir = null;
            for (String kv : (args == null ? "" : args).split(",")) {
                if (kv.startsWith("dir=")) {
                    dir = Path.of(kv.substring(4));
                }
            }
            if (dir == null) {
                dir = Path.of(AgentLauncher.class.getProtectionDomain().getCodeSource().getLocation().toURI()).getParent();
            }
            probeLoader = new URLClassLoader("poolscope-probe", new URL[]{
                    dir.resolve("poolscope-probe.jar").toUri().toURL(),
                    dir.resolve("poolscope-byte-buddy.jar").toUri().toURL()}, ClassLoader.getPlatformClassLoader());
        }
        Class<?> agent = Class.forName("dev.poolscope.agent.DeepAgent", true, probeLoader);
        agent.getMethod("start", String.class, Instrumentation.class).invoke(null, args, inst);
    }
}
