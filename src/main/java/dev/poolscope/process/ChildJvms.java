package dev.poolscope.process;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts child JVMs for other engine parts (cluster members) the way worker
 * processes are started, and under the same {@link WorkerReaper}: the running
 * JVM's own {@code java} and class path, JVM logging on standard error, no
 * inherited {@code JAVA_TOOL_OPTIONS}, and a kill of the child and its
 * descendants when this JVM exits. A child started here must be
 * {@linkplain #forget forgotten} once it has exited.
 */
public final class ChildJvms {
    private ChildJvms() {
    }

    /**
     * Options a child JVM that may load a library using {@code sun.misc.Unsafe}
     * (Hazelcast, in a cluster member or in an engine host that runs a cluster
     * pool's client) needs to run without printing warnings: on JDK 24 and
     * later {@code --sun-misc-unsafe-memory-access=allow}; none on older JVMs,
     * which refuse that option.
     */
    public static List<String> unsafeMemoryOptions() {
        return Runtime.version().feature() >= 24 ? List.of("--sun-misc-unsafe-memory-access=allow") : List.of();
    }

    /**
     * The command for {@code mainClass} on this JVM's class path: this JVM's
     * {@code java}, JVM logging routed to standard error, then {@code jvmOptions},
     * then the main class and {@code args}.
     */
    public static List<String> command(List<String> jvmOptions, String mainClass, List<String> args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xlog:disable");
        cmd.add("-Xlog:all=warning:stderr");
        cmd.add("-XX:+DisplayVMOutputToStderr");
        for (String o : jvmOptions) {
            cmd.add(WorkerLauncher.toStderr(o));
        }
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(mainClass);
        cmd.addAll(args);
        return cmd;
    }

    /**
     * Starts the command and registers the process with the reaper, so it
     * dies with this JVM at the latest.
     */
    public static Process start(List<String> command) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().remove("JAVA_TOOL_OPTIONS");
        pb.environment().remove("JDK_JAVA_OPTIONS");
        Process p = pb.start();
        WorkerReaper.add(p);
        return p;
    }

    /** Kills the process and its descendants at once (SIGKILL), as the reaper would. */
    public static void kill(Process p) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
    }

    /** Unregisters a process that has exited. */
    public static void forget(Process p) {
        WorkerReaper.remove(p);
    }
}
