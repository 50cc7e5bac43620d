package dev.poolscope.pool;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A gate that tasks wait on until the test opens it. It is a file, so it works
 * for tasks in worker processes as well as threads. Tasks wait at most 30 s.
 */
final class Gate implements Serializable {
    private static final long serialVersionUID = 1L;
    private final String path;

    private Gate(String path) {
        this.path = path;
    }

    static Gate create() {
        try {
            Path dir = Files.createTempDirectory("poolscope-gate");
            dir.toFile().deleteOnExit();
            return new Gate(dir.resolve("open").toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void open() {
        try {
            Files.createFile(Path.of(path)).toFile().deleteOnExit();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** True once the gate has been opened (by the test or by a task). */
    boolean isOpen() {
        return Files.exists(Path.of(path));
    }

    /** Waits (in a task) until the gate opens; returns false after 30 s. */
    boolean await() throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        Path p = Path.of(path);
        while (!Files.exists(p)) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            Thread.sleep(1);
        }
        return true;
    }
}
