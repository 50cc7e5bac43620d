package dev.poolscope;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/**
 * The entry point of {@code poolscope.jar}, compiled for Java 8 so that it
 * starts on any Java from 8 on. On a Java older than {@link #REQUIRED} it
 * prints one line saying which version it found, which one PoolScope needs and
 * what to do, and exits with status 1; otherwise it hands over to
 * {@code dev.poolscope.Main}, loaded by reflection so that no class compiled
 * for a newer release is linked before the check.
 *
 * <p>This class may only use the Java 8 API.
 */
public final class Launcher {
    /** The oldest Java release PoolScope runs on. */
    static final int REQUIRED = 21;

    private static final String MAIN = "dev.poolscope.Main";

    private Launcher() {
    }

    /**
     * The major release in a {@code java.specification.version} value
     * ({@code "1.8"} is 8, {@code "17"} is 17), or -1 if it cannot be read.
     */
    static int majorVersion(String specificationVersion) {
        if (specificationVersion == null) {
            return -1;
        }
        String v = specificationVersion.trim();
        if (v.startsWith("1.")) {
            v = v.substring(2);
        }
        int end = 0;
        while (end < v.length() && Character.isDigit(v.charAt(end))) {
            end++;
        }
        if (end == 0) {
            return -1;
        }
        try {
            return Integer.parseInt(v.substring(0, end));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /**
     * The one-line complaint for a Java of this specification version, or
     * null if PoolScope runs on it. An unreadable version is let through: the
     * JVM itself then reports what it cannot load.
     */
    static String tooOld(String specificationVersion, String javaHome) {
        int major = majorVersion(specificationVersion);
        if (major < 0 || major >= REQUIRED) {
            return null;
        }
        return "poolscope: needs Java " + REQUIRED + " or newer, but this is Java " + specificationVersion
                + (javaHome == null ? "" : " (" + javaHome + ")")
                + "; start it with ./poolscope, which finds a JDK " + REQUIRED + "+ itself,"
                + " or set JAVA_HOME to a JDK " + REQUIRED + "+ and run $JAVA_HOME/bin/java -jar poolscope.jar";
    }

    public static void main(String[] args) throws Throwable {
        String problem = tooOld(System.getProperty("java.specification.version"), System.getProperty("java.home"));
        if (problem != null) {
            System.err.println(problem);
            System.exit(1);
            return;
        }
        Method main = Class.forName(MAIN).getMethod("main", String[].class);
        try {
            main.invoke(null, (Object) args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
