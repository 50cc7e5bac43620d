package dev.poolscope.host;

import dev.poolscope.engine.RunEngine;

import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;

/**
 * The main class of an engine host process (started by {@link HostBackend}).
 * Standard output is the link to the parent; it never loads JavaFX. Exits 0
 * when the parent closes the link or goes away.
 */
public final class EngineHostMain {
    private EngineHostMain() {
    }

    public static void main(String[] args) throws IOException {
        FileOutputStream link = new FileOutputStream(FileDescriptor.out);
        // anything else that writes to standard output would corrupt the link: send it to the log
        System.setOut(System.err);
        new EngineHost(RunEngine.standard(), new FileInputStream(FileDescriptor.in), link).serve();
        System.exit(0);
    }
}
