package dev.poolscope.process;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Builds and starts worker JVM commands: the running JVM's own {@code java},
 * the running class path, {@link WorkerMain}, JVM output routed to standard
 * error (so it cannot corrupt the protocol), the base options, and the pool's
 * worker options last (so they win).
 */
final class WorkerLauncher {
    private final List<String> command;
    private final String cdsArchive;

    WorkerLauncher(ProcessPoolSettings settings, List<String> workerJvmOptions, String initializer,
                   long heartbeatMillis) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classPath = System.getProperty("java.class.path");
        List<String> cmd = new ArrayList<>();
        cmd.add(java);
        // unified logging defaults to stdout, which is the protocol channel: send it to the log instead
        cmd.add("-Xlog:disable");
        cmd.add("-Xlog:all=warning:stderr");
        cmd.add("-Xlog:cds*=off:stderr"); // archive warnings ("Skipping ... not in loaded state") would crowd the log
        cmd.addAll(settings.baseJvmOptions());
        cdsArchive = settings.classDataSharing() ? cdsArchive(classPath) : null;
        List<String> filter = new ArrayList<>(settings.serialFilterPatterns());
        String prop = System.getProperty(SerialFilter.PROPERTY);
        if (prop != null && !prop.isBlank()) {
            filter.add(prop);
        }
        if (!filter.isEmpty()) {
            cmd.add("-D" + SerialFilter.PROPERTY + "=" + String.join(";", filter));
        }
        for (String option : workerJvmOptions) {
            cmd.add(toStderr(option));
        }
        cmd.add("-cp");
        cmd.add(classPath);
        cmd.add(WorkerMain.class.getName());
        this.command = List.copyOf(cmd);
        this.heartbeatMillis = heartbeatMillis;
        this.initializer = initializer == null || initializer.isBlank() ? "-" : initializer;
    }

    private final java.util.concurrent.atomic.AtomicBoolean archiveClaimed = new java.util.concurrent.atomic.AtomicBoolean();
    private final long heartbeatMillis;
    private final String initializer;

    /**
     * Rewrites JVM logging options that would print to standard output (the
     * protocol channel) so they print to standard error (the worker's log):
     * {@code -verbose:gc} and {@code -Xlog[:what]} without an output.
     */
    static String toStderr(String option) {
        if (option.equals("-verbose:gc")) {
            return "-Xlog:gc:stderr";
        }
        if (option.equals("-Xlog")) {
            return "-Xlog:all=info:stderr";
        }
        if (option.startsWith("-Xlog:") && !option.startsWith("-Xlog:disable")
                && option.chars().filter(c -> c == ':').count() == 1) {
            return option + ":stderr";
        }
        return option;
    }

    /** The command without the per-worker arguments. */
    List<String> command() {
        return command;
    }

    /** The class-data archive workers use, or null. */
    String cdsArchive() {
        return cdsArchive;
    }

    /**
     * Starts worker {@code id}. Its standard error stays a pipe (read as its log).
     * If the class-data archive does not exist yet, the first worker started
     * records one when it exits normally ({@link #archiveWorkerExited}).
     */
    Process start(int id) throws IOException {
        List<String> cmd = new ArrayList<>(command);
        int at = cmd.indexOf("-cp");
        if (cdsArchive != null) {
            if (Files.isRegularFile(Path.of(cdsArchive))) {
                cmd.add(at, "-XX:SharedArchiveFile=" + cdsArchive);
            } else if (archiveClaimed.compareAndSet(false, true)) {
                cmd.add(at, "-XX:ArchiveClassesAtExit=" + cdsArchive + ".tmp" + ProcessHandle.current().pid());
            }
        }
        cmd.add(Integer.toString(id));
        cmd.add(Long.toString(heartbeatMillis));
        cmd.add(initializer);
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().remove("JAVA_TOOL_OPTIONS"); // would print a line to stderr and change every worker
        pb.environment().remove("JDK_JAVA_OPTIONS");
        return pb.start();
    }

    /**
     * Called when a worker that was started to record the archive has exited:
     * moves a complete archive into place atomically.
     */
    void archiveWorkerExited(Process p, int exitCode) {
        if (cdsArchive == null) {
            return;
        }
        Path tmp = Path.of(cdsArchive + ".tmp" + ProcessHandle.current().pid());
        try {
            if (exitCode == 0 && Files.isRegularFile(tmp) && Files.size(tmp) > 0) {
                Files.move(tmp, Path.of(cdsArchive), java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                removeStaleArchives(Path.of(cdsArchive));
            } else {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException | RuntimeException e) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // best effort
            }
        }
    }

    /** Deletes other workers' archives (for older builds of the class path) not touched for a day. */
    private static void removeStaleArchives(Path keep) {
        long dayAgo = System.currentTimeMillis() - 86_400_000L;
        try (var files = Files.list(keep.getParent())) {
            for (Path f : files.toList()) {
                String name = f.getFileName().toString();
                if (!f.equals(keep) && name.startsWith("worker-") && name.endsWith(".jsa")
                        && Files.getLastModifiedTime(f).toMillis() < dayAgo) {
                    Files.deleteIfExists(f); // a JVM still mapping it keeps its copy
                }
            }
        } catch (IOException | RuntimeException e) {
            // best effort
        }
    }

    /**
     * An archive path in the temp folder, named after the class path and JVM,
     * or null when the class path has a directory (the JVM cannot archive
     * classes from directories) or the folder cannot be made.
     */
    private static String cdsArchive(String classPath) {
        if (classPath == null || classPath.isBlank()) {
            return null;
        }
        StringBuilder key = new StringBuilder(System.getProperty("java.vm.version", "")).append('|');
        for (String entry : classPath.split(File.pathSeparator)) {
            Path p = Path.of(entry);
            if (!entry.endsWith(".jar") || !Files.isRegularFile(p)) {
                return null;
            }
            try {
                key.append(p.toAbsolutePath()).append(':').append(Files.size(p)).append(':')
                        .append(Files.getLastModifiedTime(p).toMillis()).append('|');
            } catch (IOException e) {
                return null;
            }
        }
        try {
            Path dir = Path.of(System.getProperty("java.io.tmpdir"), "poolscope-cds-" + System.getProperty("user.name", "user"));
            Files.createDirectories(dir);
            java.security.MessageDigest md = java.security.MessageDigest.getInstance("SHA-256");
            byte[] h = md.digest(key.toString().getBytes(StandardCharsets.UTF_8));
            return dir.resolve("worker-" + HexFormat.of().formatHex(h, 0, 8) + ".jsa").toString();
        } catch (IOException | java.security.NoSuchAlgorithmException | RuntimeException e) {
            return null;
        }
    }
}
