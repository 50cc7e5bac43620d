package dev.poolscope.attach;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The deep probe's four jars, packaged as resources beside this class and written to a folder of their own in the
 * temporary directory, named after their content's hash and readable by every user (a target running as another
 * user must read them). An existing folder is reused only when it is ours and its jars match byte for byte. The
 * folder is never deleted: a target that loaded the agent keeps reading its classes from it.
 */
public final class AgentJars {
    static final String AGENT = "poolscope-agent.jar";
    private static final String[] JARS = {AGENT, "poolscope-probe.jar", "poolscope-boot.jar", "poolscope-byte-buddy.jar"};

    private AgentJars() {
    }

    /**
     * The written jars.
     *
     * @param agentJar the jar to load
     * @param version the hash of all four jars' content, which the loaded agent reports back
     */
    public record Extracted(Path agentJar, String version) {
    }

    /** Writes the jars if needed and returns where the agent jar is. */
    public static Extracted extract() throws AttachException {
        try {
            Map<String, byte[]> jars = new LinkedHashMap<>();
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String name : JARS) {
                try (InputStream in = AgentJars.class.getResourceAsStream(name)) {
                    if (in == null) {
                        throw new AttachException("this PoolScope build has no deep probe (" + name + " missing): build it with Maven");
                    }
                    ByteArrayOutputStream b = new ByteArrayOutputStream();
                    in.transferTo(b);
                    jars.put(name, b.toByteArray());
                    sha.update(b.toByteArray());
                }
            }
            String hash = HexFormat.of().formatHex(sha.digest()).substring(0, 16);
            Path dir = Path.of(System.getProperty("java.io.tmpdir"), "poolscope-probe-" + hash);
            if (!usable(dir, jars)) {
                dir = Files.createTempDirectory("poolscope-probe-");
                for (Map.Entry<String, byte[]> e : jars.entrySet()) {
                    Path f = dir.resolve(e.getKey());
                    Files.write(f, e.getValue());
                    readableByAll(f, "rw-r--r--");
                }
                readableByAll(dir, "rwxr-xr-x");
            }
            return new Extracted(dir.resolve(AGENT), hash);
        } catch (IOException | NoSuchAlgorithmException e) {
            throw new AttachException("could not write the deep probe's jars: " + TargetConnection.oneLine(e), e);
        }
    }

    private static boolean usable(Path dir, Map<String, byte[]> jars) throws IOException {
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir);
            for (Map.Entry<String, byte[]> e : jars.entrySet()) {
                Files.write(dir.resolve(e.getKey()), e.getValue());
                readableByAll(dir.resolve(e.getKey()), "rw-r--r--");
            }
            readableByAll(dir, "rwxr-xr-x");
            return true;
        }
        String me = System.getProperty("user.name");
        if (!Files.getOwner(dir).getName().equals(me)) {
            return false;
        }
        for (Map.Entry<String, byte[]> e : jars.entrySet()) {
            Path f = dir.resolve(e.getKey());
            if (!Files.isRegularFile(f) || !Files.getOwner(f).getName().equals(me)
                    || !java.util.Arrays.equals(Files.readAllBytes(f), e.getValue())) {
                return false;
            }
        }
        return true;
    }

    private static void readableByAll(Path p, String perms) {
        try {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(perms));
        } catch (IOException | UnsupportedOperationException ignored) {
            // not a POSIX file system: the default permissions apply
        }
    }
}
