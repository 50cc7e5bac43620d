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
    /**
     * Whether workers use a JDK 25 ahead-of-time cache ({@code -XX:AOTCache}:
     * classes loaded and linked, as well as parsed) rather than a dynamic
     * class-data-sharing archive; measured here at about 40 ms from start to
     * the handshake against 45-55 ms with the archive.
     */
    static final boolean AOT_CACHE = Runtime.version().feature() >= 25;

    private final List<String> command;
    private final String cdsArchive;

    WorkerLauncher(ProcessPoolSettings settings, List<String> workerJvmOptions, String initializer,
                   long heartbeatMillis) {
        this(settings, workerJvmOptions, initializer, heartbeatMillis, System.getProperty("java.class.path"));
    }

    /** A launcher for workers on this class path (tests give their own). */
    WorkerLauncher(ProcessPoolSettings settings, List<String> workerJvmOptions, String initializer,
                   long heartbeatMillis, String classPath) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>();
        cmd.add(java);
        // unified logging defaults to stdout, which is the protocol channel: send it to the log instead
        cmd.add("-Xlog:disable");
        cmd.add("-Xlog:all=warning:stderr");
        cmd.add("-XX:+DisplayVMOutputToStderr"); // other VM messages too (an AOT cache's "Temporary ... recorded")
        cmd.add("-Xlog:cds*=off:stderr"); // archive warnings ("Skipping ... not in loaded state") would crowd the log
        if (AOT_CACHE) {
            cmd.add("-Xlog:aot*=off:stderr");
        }
        cmd.addAll(settings.baseJvmOptions());
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
        // keyed by the whole command, so a worker option that changes what can be cached gets its own file
        cdsArchive = settings.classDataSharing() ? cdsArchive(classPath, command) : null;
        this.heartbeatMillis = heartbeatMillis;
        this.initializer = initializer == null || initializer.isBlank() ? "-" : initializer;
    }

    private static final java.util.concurrent.atomic.AtomicLong RECORDINGS = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.concurrent.atomic.AtomicBoolean archiveClaimed = new java.util.concurrent.atomic.AtomicBoolean();
    /** The worker started to record the archive, once started, and the file it records to. */
    private record Recording(Process process, Path file) {
    }

    private volatile Recording recording;
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
     * A worker's command and, if this worker records the class-data archive,
     * the file it records to (else null).
     */
    record Launch(List<String> command, Path records) {
    }

    /**
     * The command for worker {@code id}: with the class-data archive if it
     * exists; if not, the first worker asked for records one when it exits
     * normally ({@link #archiveWorkerExited}).
     */
    Launch launch(int id) {
        List<String> cmd = new ArrayList<>(command);
        int at = cmd.indexOf("-cp");
        Path records = null;
        if (cdsArchive != null) {
            if (Files.isRegularFile(Path.of(cdsArchive))) {
                cmd.add(at, (AOT_CACHE ? "-XX:AOTCache=" : "-XX:SharedArchiveFile=") + cdsArchive);
            } else if (archiveClaimed.compareAndSet(false, true)) {
                // the JVM writes it when the worker exits normally (an AOT cache is assembled by a
                // short-lived child JVM then, which the worker waits for)
                records = Path.of(cdsArchive + ".tmp" + ProcessHandle.current().pid() + "-" + RECORDINGS.incrementAndGet());
                cmd.add(at, (AOT_CACHE ? "-XX:AOTCacheOutput=" : "-XX:ArchiveClassesAtExit=") + records);
            }
        }
        cmd.add(Integer.toString(id));
        cmd.add(Long.toString(heartbeatMillis));
        cmd.add(initializer);
        return new Launch(List.copyOf(cmd), records);
    }

    /** Starts worker {@code id} ({@link #launch}). Its standard error stays a pipe (read as its log). */
    Process start(int id) throws IOException {
        Launch launch = launch(id);
        ProcessBuilder pb = new ProcessBuilder(launch.command());
        pb.environment().remove("JAVA_TOOL_OPTIONS"); // would print a line to stderr and change every worker
        pb.environment().remove("JDK_JAVA_OPTIONS");
        try {
            Process p = pb.start();
            if (launch.records() != null) {
                recording = new Recording(p, launch.records());
            }
            return p;
        } catch (IOException | RuntimeException e) {
            if (launch.records() != null) {
                archiveClaimed.set(false); // let the next worker record it
            }
            throw e;
        }
    }

    /**
     * Called when a worker that was started to record the archive has exited:
     * moves a complete archive into place atomically.
     */
    void archiveWorkerExited(Process p, int exitCode) {
        Recording r = recording;
        if (cdsArchive == null || r == null || p != r.process()) {
            return;
        }
        Path tmp = r.file();
        try {
            Files.deleteIfExists(Path.of(tmp + ".config")); // the AOT training run's configuration
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
                if (!f.equals(keep) && name.startsWith("worker-") && Files.getLastModifiedTime(f).toMillis() < dayAgo) {
                    Files.deleteIfExists(f); // a JVM still mapping it keeps its copy
                }
            }
        } catch (IOException | RuntimeException e) {
            // best effort
        }
    }

    /**
     * The folder, created for its owner only ({@code 0700}) if it is
     * missing, or null unless it is a real directory (not a link) owned by
     * this user: an archive another user could write would be code run in
     * every worker. A folder of ours that others could enter is closed to
     * them and emptied.
     */
    static Path privateDir(Path dir) {
        try {
            var owner = java.nio.file.attribute.PosixFilePermissions.fromString("rwx------");
            try {
                Files.createDirectory(dir, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(owner));
            } catch (java.nio.file.FileAlreadyExistsException e) {
                // check what is there
            }
            var attrs = Files.readAttributes(dir, java.nio.file.attribute.PosixFileAttributes.class,
                    java.nio.file.LinkOption.NOFOLLOW_LINKS);
            String me = System.getProperty("user.name", "");
            if (!attrs.isDirectory() || !attrs.owner().getName().equals(me)) {
                return null;
            }
            if (!attrs.permissions().equals(owner)) {
                // ours but open to others (an older build made it so): close it, and drop what others could have put in
                Files.setPosixFilePermissions(dir, owner);
                try (var files = Files.list(dir)) {
                    for (Path f : files.toList()) {
                        Files.deleteIfExists(f);
                    }
                }
            }
            return dir;
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return null;
        }
    }

    /**
     * An archive path in the temp folder (in a folder private to the user), named after the class path and JVM,
     * or null when the class path has a directory (the JVM cannot archive
     * classes from directories) or the folder cannot be made.
     */
    private static String cdsArchive(String classPath, List<String> command) {
        if (classPath == null || classPath.isBlank()) {
            return null;
        }
        StringBuilder key = new StringBuilder(System.getProperty("java.vm.version", "")).append('|')
                .append(String.join(" ", command)).append('|');
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
            Path dir = privateDir(Path.of(System.getProperty("java.io.tmpdir"),
                    "poolscope-cds-" + System.getProperty("user.name", "user")));
            if (dir == null) {
                return null;
            }
            java.security.MessageDigest md = java.security.MessageDigest.getInstance("SHA-256");
            byte[] h = md.digest(key.toString().getBytes(StandardCharsets.UTF_8));
            return dir.resolve("worker-" + HexFormat.of().formatHex(h, 0, 8) + (AOT_CACHE ? ".aot" : ".jsa")).toString();
        } catch (java.security.NoSuchAlgorithmException | RuntimeException e) {
            return null;
        }
    }
}
