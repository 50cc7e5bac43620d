package dev.poolscope.cluster;

import dev.poolscope.process.ChildJvms;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One member JVM started by a cluster pool ({@link MemberMain}), through the
 * process pool's {@link ChildJvms} launcher and reaper: its process, the
 * address and UUID it reported, and the last lines of its log.
 */
final class MemberProcess {
    private static final int LOG_LINES = 50;

    final Process process;
    final long pid;
    final long startNanos;
    private final CompletableFuture<String[]> ready = new CompletableFuture<>();
    private final ArrayDeque<String> log = new ArrayDeque<>();
    volatile String uuid;
    volatile String address;
    volatile double startupMillis = -1;

    private MemberProcess(Process process) {
        this.process = process;
        this.pid = process.pid();
        this.startNanos = System.nanoTime();
    }

    /** Starts a member; {@link #awaitReady} waits for its handshake. */
    static MemberProcess start(String clusterName, String bind, int port, List<String> join, int threads,
                               List<String> jvmOptions) throws IOException {
        List<String> opts = new ArrayList<>(HazelcastSetup.jvmOptions());
        opts.add("-XX:+UseSerialGC");
        opts.add("-Xss512k");
        opts.addAll(jvmOptions);
        List<String> cmd = ChildJvms.command(opts, MemberMain.class.getName(), List.of(clusterName, bind,
                Integer.toString(port), join.isEmpty() ? "-" : String.join(",", join), Integer.toString(threads)));
        return watch(ChildJvms.start(cmd), bind + ":" + port);
    }

    /**
     * Follows a started member process: reads its handshake and log.
     *
     * @param address where it was asked to bind, named in messages until it reports its own
     */
    static MemberProcess watch(Process process, String address) {
        MemberProcess m = new MemberProcess(process);
        m.address = address;
        m.readOutputs();
        return m;
    }

    private void readOutputs() {
        Thread out = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    if (line.startsWith(MemberMain.READY + " ") && !ready.isDone()) {
                        String[] f = line.split(" ");
                        uuid = f[1];
                        address = f[2];
                        startupMillis = (System.nanoTime() - startNanos) / 1e6;
                        ready.complete(f);
                    } else {
                        keep(line);
                    }
                }
            } catch (IOException e) {
                // process gone
            }
            ready.completeExceptionally(new IOException("member exited before it was ready"));
        }, "cluster-member-" + pid + "-out");
        Thread err = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    keep(line);
                }
            } catch (IOException e) {
                // process gone
            }
        }, "cluster-member-" + pid + "-log");
        out.setDaemon(true);
        err.setDaemon(true);
        out.start();
        err.start();
        process.onExit().thenRun(() -> ChildJvms.forget(process));
    }

    private void keep(String line) {
        synchronized (log) {
            if (log.size() == LOG_LINES) {
                log.removeFirst();
            }
            log.addLast(line);
        }
    }

    /** The last lines the member wrote to its log. */
    List<String> log() {
        synchronized (log) {
            return List.copyOf(log);
        }
    }

    /** Waits for the handshake; kills the process and throws if it does not come in time. */
    void awaitReady(long timeoutMillis) throws IOException {
        try {
            ready.get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill();
            throw new IOException("interrupted while a member started");
        } catch (ExecutionException | TimeoutException e) {
            // its output ends before the process is reaped: give a member that exited the moment to say how
            boolean exited = e instanceof ExecutionException ? exitedWithin(2_000) : !process.isAlive();
            kill();
            List<String> l = log();
            throw new IOException("cluster member " + address + " (PID " + pid + ") " + (exited ? MemberFaults.exitReason(exitCode())
                    + " before it was ready" : "did not become ready in " + timeoutMillis + " ms")
                    + (l.isEmpty() ? "" : "; its log ends: " + String.join(" | ", l.subList(Math.max(0, l.size() - 5), l.size()))));
        }
    }

    /** True if the process has exited or does within {@code millis}. */
    boolean exitedWithin(long millis) {
        try {
            return process.waitFor(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        }
    }

    /** Why the process ended ("was killed by signal 9 (SIGKILL)", "exited with code 1"), once it has. */
    String exitReason() {
        return MemberFaults.exitReason(exitCode());
    }

    /** Asks the member to leave and exit (closes its standard input). */
    void stop() {
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            kill();
        }
    }

    /** Kills the member process at once (SIGKILL). */
    void kill() {
        ChildJvms.kill(process);
    }

    private int exitCode() {
        try {
            return process.exitValue();
        } catch (IllegalThreadStateException e) {
            return -1;
        }
    }

    boolean alive() {
        return process.isAlive();
    }

    @Override
    public String toString() {
        return "member " + address + " (PID " + pid + ")";
    }
}
