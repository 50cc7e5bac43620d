package dev.poolscope.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Starts a child JVM with this JVM's {@code java} and class path. */
final class ChildJvm {
    private ChildJvm() {
    }

    /** The {@code java} launcher of the running JVM. */
    static String javaLauncher() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** The command line for a main class with extra JVM options and arguments. */
    static List<String> command(List<String> jvmOptions, Class<?> main, List<String> args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(javaLauncher());
        cmd.addAll(jvmOptions);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(main.getName());
        cmd.addAll(args);
        return cmd;
    }

    /** Starts the main class; its standard error is discarded. */
    static Process start(List<String> jvmOptions, Class<?> main, List<String> args) throws IOException {
        return new ProcessBuilder(command(jvmOptions, main, args))
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
    }
}
