package dev.poolscope.ui.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Lowers this JVM's scheduling priority, thread by thread, so that a run in
 * an engine host (started before) gets the cores first. On Linux the nice
 * value belongs to each thread: every thread in {@code /proc/self/task} (FX,
 * renderer, JIT compilers, GC) is set to nice {@value #NICE} with
 * {@code renice}, and threads made later inherit it from the thread that makes
 * them. Lowering needs no privileges; it cannot be undone without them.
 * Thread-safe; {@link #lower()} may be called again to catch threads that
 * appeared since.
 */
public final class OwnPriority {
    /** The nice value the dashboard's threads get (the lowest priority). */
    public static final int NICE = 19;
    private static final Path TASKS = Path.of("/proc/self/task");

    private final Set<String> lowered = new HashSet<>();
    private String problem;

    /**
     * Lowers every thread not lowered before.
     *
     * @return null if all were lowered, else why not (one line)
     */
    public synchronized String lower() {
        if (!Files.isDirectory(TASKS)) {
            problem = "the dashboard's priority was not lowered: no /proc/self/task on this system";
            return problem;
        }
        List<String> fresh = new ArrayList<>();
        try (Stream<Path> tasks = Files.list(TASKS)) {
            tasks.map(p -> p.getFileName().toString()).filter(t -> !lowered.contains(t)).forEach(fresh::add);
        } catch (IOException e) {
            problem = "the dashboard's priority was not lowered: " + e.getMessage();
            return problem;
        }
        if (fresh.isEmpty()) {
            return problem;
        }
        List<String> cmd = new ArrayList<>(List.of("renice", "-n", Integer.toString(NICE), "-p"));
        cmd.addAll(fresh);
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                problem = "the dashboard's priority was not lowered: renice did not finish";
                return problem;
            }
            // threads that ended meanwhile make renice fail for them; the rest are lowered
            lowered.addAll(fresh);
            problem = niceOf(ProcessHandle.current().pid()) == NICE ? null
                    : "the dashboard's priority was not lowered: renice exited with " + p.exitValue();
        } catch (IOException e) {
            problem = "the dashboard's priority was not lowered: cannot run renice (" + e.getMessage() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            problem = "the dashboard's priority was not lowered: interrupted";
        }
        return problem;
    }

    /** Why the priority is not lowered, or null if it is (or was never tried). */
    public synchronized String problem() {
        return problem;
    }

    /** A thread's or process's nice value from {@code /proc}, or {@link Integer#MIN_VALUE} if unknown. */
    public static int niceOf(long tid) {
        try {
            String stat = Files.readString(TASKS.resolve(Long.toString(tid)).resolve("stat"));
            // fields after the command name, which is in parentheses and may hold spaces
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Integer.parseInt(f[16]);
        } catch (IOException | RuntimeException e) {
            return Integer.MIN_VALUE;
        }
    }
}
