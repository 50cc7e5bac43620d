package dev.poolscope.attach;

/**
 * One JVM running on this machine.
 *
 * @param pid its process id
 * @param displayName its main class or jar, as far as it can be told
 * @param javaVersion its {@code java.version}, or null when unknown
 * @param user the user it runs as, or null when unknown
 * @param attachable whether PoolScope can attach to it
 * @param reason why not, or a limit of what attaching can see; null when attaching sees everything
 */
public record LocalJvm(long pid, String displayName, String javaVersion, String user, boolean attachable,
                       String reason) {

    /** The feature release of {@link #javaVersion()} ({@code 25} for {@code 25.0.3}, {@code 8} for {@code 1.8.0}), or 0. */
    public int feature() {
        return feature(javaVersion);
    }

    static int feature(String version) {
        if (version == null || version.isBlank()) {
            return 0;
        }
        String v = version.startsWith("1.") ? version.substring(2) : version;
        int end = 0;
        while (end < v.length() && Character.isDigit(v.charAt(end))) {
            end++;
        }
        return end == 0 ? 0 : Integer.parseInt(v.substring(0, end));
    }
}
