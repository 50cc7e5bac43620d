package dev.poolscope.attach;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A {@link PoolTarget} in a JVM of its own, started by a test; closing it ends the process and waits for it. */
final class TargetJvm implements AutoCloseable {
    final Process process;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    /** What the target printed before {@code ready}. */
    final List<String> startup = new ArrayList<>();

    private TargetJvm(Process process) {
        this.process = process;
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String l; (l = r.readLine()) != null; ) {
                    lines.add(l);
                }
            } catch (Exception ignored) {
                // the process ended
            }
        }, "target-out-" + process.pid());
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts a target on {@code javaHome}'s java with extra JVM options and program arguments; waits until it is ready. */
    static TargetJvm start(Path javaHome, List<String> jvmOptions, String... args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(javaHome.resolve("bin").resolve("java").toString());
        cmd.addAll(jvmOptions);
        cmd.add("-Xmx64m");
        if (javaHome.equals(currentJavaHome())) {
            cmd.add("-cp");
            cmd.add(Path.of(PoolTarget.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                    + ownLibraries());
            cmd.add(PoolTarget.class.getName());
        } else {
            // an older JDK cannot load the compiled test classes: launch the source file (JEP 330)
            cmd.add(Path.of("src/test/java/dev/poolscope/attach/PoolTarget.java").toAbsolutePath().toString());
        }
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        TargetJvm t = new TargetJvm(p);
        String first = t.lines.poll(30, TimeUnit.SECONDS);
        while (first != null && !first.equals("ready")) {
            t.startup.add(first);
            first = t.lines.poll(30, TimeUnit.SECONDS);
        }
        if (first == null) {
            t.close();
            throw new IllegalStateException("the target JVM did not start in 30 s: " + t.startup);
        }
        return t;
    }

    /** The target's own ByteBuddy, another version than the probe's (the build copies it there). */
    static final Path OWN_BYTE_BUDDY = Path.of("target/target-byte-buddy/byte-buddy-1.14.18.jar");

    /**
     * The application's own copies of libraries the probe also uses or reads: ByteBuddy 1.14.18 (else the one on
     * this test's class path), and Micrometer with its JMX registry when present.
     */
    private static String ownLibraries() {
        StringBuilder cp = new StringBuilder();
        boolean otherByteBuddy = Files.isRegularFile(OWN_BYTE_BUDDY);
        if (otherByteBuddy) {
            cp.append(java.io.File.pathSeparator).append(OWN_BYTE_BUDDY.toAbsolutePath());
        }
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            String f = Path.of(entry).getFileName().toString();
            if ((f.startsWith("byte-buddy-1") && !otherByteBuddy) || f.startsWith("micrometer-") || f.startsWith("metrics-core-")
                    || f.startsWith("metrics-jmx-") || f.startsWith("HdrHistogram-") || f.startsWith("LatencyUtils-") || f.startsWith("slf4j-api-")) {
                cp.append(java.io.File.pathSeparator).append(entry);
            }
        }
        return cp.toString();
    }

    static Path currentJavaHome() {
        return Path.of(System.getProperty("java.home"));
    }

    /** A JDK 17 home on this machine, or null. */
    static Path jdk17() {
        for (String s : new String[]{"/usr/lib/jvm/java-17-openjdk-amd64", "/usr/lib/jvm/java-17-openjdk-arm64", "/usr/lib/jvm/temurin-17-jdk-amd64"}) {
            Path p = Path.of(s);
            if (Files.isExecutable(p.resolve("bin/java"))) {
                return p;
            }
        }
        return null;
    }

    long pid() {
        return process.pid();
    }

    /** The work pool's completed count from the next heartbeat line after now, waiting up to 10 s. */
    long nextWorkCompleted() throws InterruptedException {
        lines.clear();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            String l = lines.poll(1, TimeUnit.SECONDS);
            if (l != null && l.startsWith("completed ")) {
                return Long.parseLong(l.split(" ")[1]);
            }
        }
        return -1;
    }

    /** Everything the target printed that is not a heartbeat, since the last call. */
    List<String> otherOutput() {
        List<String> out = new ArrayList<>();
        for (String l; (l = lines.poll()) != null; ) {
            if (!l.startsWith("completed ")) {
                out.add(l);
            }
        }
        return out;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
