package dev.poolscope.attach;

import com.sun.tools.attach.VirtualMachine;
import com.sun.tools.attach.VirtualMachineDescriptor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Lists the JVMs on this machine without attaching to any: those the Attach API offers, and every other process
 * whose executable is {@code java}, each with the reason it cannot be attached to. Java versions come from the
 * {@code release} file of the JDK each process runs (Linux {@code /proc}); where that is not readable the version
 * is unknown.
 */
public final class LocalJvms {
    /** The oldest feature release PoolScope watches. */
    public static final int OLDEST = 17;
    /** The oldest feature release with a JSON thread dump (pools by their thread containers). */
    public static final int JSON_DUMP = 21;

    private LocalJvms() {
    }

    /** Every JVM found, by PID. */
    public static List<LocalJvm> list() {
        Map<Long, String> attachable = new HashMap<>();
        for (VirtualMachineDescriptor d : VirtualMachine.list()) {
            try {
                attachable.put(Long.parseLong(d.id()), d.displayName());
            } catch (NumberFormatException ignored) {
                // not a local process id
            }
        }
        long self = ProcessHandle.current().pid();
        String me = ProcessHandle.current().info().user().orElse(null);
        boolean root = "root".equals(me);
        List<LocalJvm> out = new ArrayList<>();
        ProcessHandle.allProcesses().forEach(p -> {
            ProcessHandle.Info info = p.info();
            boolean javaExe = info.command().map(c -> c.endsWith("/java") || c.endsWith("\\java.exe")).orElse(false);
            String listed = attachable.get(p.pid());
            if (!javaExe && listed == null) {
                return;
            }
            String[] args = info.arguments().orElse(new String[0]);
            String name = displayName(listed, args);
            String version = javaVersion(p.pid()).orElse(null);
            String user = info.user().orElse(null);
            String reason = null;
            boolean ok = listed != null;
            if (p.pid() == self) {
                ok = false;
                reason = "this PoolScope process";
            } else if (hasFlag(args, "-XX:+DisableAttachMechanism") || hasFlag(environmentOptions(p.pid()), "-XX:+DisableAttachMechanism")) {
                ok = false;
                reason = "started with -XX:+DisableAttachMechanism";
            } else if (!ok && user != null && me != null && !user.equals(me) && !root) {
                reason = "another user's process (" + user + "): run PoolScope as " + user + " or root";
            } else if (version != null && LocalJvm.feature(version) < OLDEST && LocalJvm.feature(version) > 0) {
                ok = false;
                reason = "too old a JDK (" + version + "): PoolScope watches JDK " + OLDEST + " and later";
            } else if (!ok) {
                reason = "not offered by the Attach API (started with -XX:-UsePerfData, or still starting)";
                ok = true;
            } else if (version != null && LocalJvm.feature(version) < JSON_DUMP) {
                reason = "JDK " + LocalJvm.feature(version) + ": no JSON thread dump, pools are told by thread names";
            }
            out.add(new LocalJvm(p.pid(), name, version, user, ok, reason));
        });
        out.sort(Comparator.comparingLong(LocalJvm::pid));
        return out;
    }

    /** The JVM with this PID, if one runs. */
    public static Optional<LocalJvm> find(long pid) {
        return list().stream().filter(j -> j.pid() == pid).findFirst();
    }

    static boolean hasFlag(String[] args, String flag) {
        for (String a : args) {
            if (a.equals(flag) || a.contains(" " + flag) || a.startsWith(flag + " ")) {
                return true;
            }
        }
        return false;
    }

    /** {@code JAVA_TOOL_OPTIONS} and {@code JDK_JAVA_OPTIONS} of a process, when readable. */
    private static String[] environmentOptions(long pid) {
        try {
            String env = Files.readString(Path.of("/proc", Long.toString(pid), "environ"), StandardCharsets.ISO_8859_1);
            List<String> opts = new ArrayList<>();
            for (String kv : env.split("\0")) {
                if (kv.startsWith("JAVA_TOOL_OPTIONS=") || kv.startsWith("JDK_JAVA_OPTIONS=")) {
                    opts.add(" " + kv.substring(kv.indexOf('=') + 1) + " ");
                }
            }
            return opts.toArray(new String[0]);
        } catch (IOException | RuntimeException e) {
            return new String[0];
        }
    }

    /** The longest name shown for a jar with its arguments. */
    static final int NAME_WIDTH = 40;

    /**
     * The main class, or the jar's file name and its program arguments (which tell one {@code java -jar} from
     * another: {@code poolscope.jar demo pools}), from the Attach API's display name or the command line.
     */
    static String displayName(String listed, String[] args) {
        if (listed != null && !listed.isBlank()) {
            String[] parts = listed.trim().split(" ", 2);
            String first = parts[0];
            if (first.endsWith(".jar")) {
                String file = first.substring(first.lastIndexOf('/') + 1);
                if (parts.length == 1 || parts[1].isBlank()) {
                    return file;
                }
                // the arguments after the jar's name, cut at the end so the name stays in sight
                String shown = file + " " + parts[1].trim();
                return shown.length() <= NAME_WIDTH ? shown : shown.substring(0, Math.max(file.length(), NAME_WIDTH - 1)) + "…";
            }
            return first;
        }
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("-jar") && i + 1 < args.length) {
                return args[i + 1];
            }
            if (a.equals("-cp") || a.equals("-classpath") || a.equals("--class-path") || a.equals("-p")
                    || a.equals("--module-path") || a.equals("--add-opens") || a.equals("--add-exports")
                    || a.equals("--add-modules") || a.equals("--add-reads")) {
                i++;
            } else if (a.equals("-m") || a.equals("--module")) {
                return i + 1 < args.length ? args[i + 1] : a;
            } else if (!a.startsWith("-")) {
                return a;
            }
        }
        return "(unknown)";
    }

    /** The {@code JAVA_VERSION} of the JDK a process runs, from its executable's {@code release} file. */
    static Optional<String> javaVersion(long pid) {
        try {
            Path exe = Path.of("/proc", Long.toString(pid), "exe").toRealPath();
            for (Path home = exe.getParent(); home != null; home = home.getParent()) {
                Path release = home.resolve("release");
                if (Files.isRegularFile(release)) {
                    for (String line : Files.readAllLines(release, StandardCharsets.UTF_8)) {
                        if (line.startsWith("JAVA_VERSION=")) {
                            return Optional.of(line.substring(line.indexOf('=') + 1).replace("\"", "").trim());
                        }
                    }
                    return Optional.empty();
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or not readable
        }
        return Optional.empty();
    }
}
