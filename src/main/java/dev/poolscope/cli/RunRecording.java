package dev.poolscope.cli;

import dev.poolscope.engine.InvalidSpecException;
import dev.poolscope.jfr.PoolScopeRecording;
import dev.poolscope.jfr.TaskEvent;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** {@code run --jfr FILE}: a Flight Recorder recording of one run, saved when its report is out. */
final class RunRecording {
    private final Path file;
    private final PoolScopeRecording recording;

    private RunRecording(Path file, PoolScopeRecording recording) {
        this.file = file;
        this.recording = recording;
    }

    /**
     * Starts recording for a run, or returns null without {@code --jfr}.
     *
     * @throws InvalidSpecException if FILE cannot be written
     */
    static RunRecording start(Path file, Duration samplePeriod) {
        if (file == null) {
            return null;
        }
        check(file);
        return new RunRecording(file, PoolScopeRecording.start(samplePeriod));
    }

    /**
     * Checks that {@code --jfr FILE} can be written.
     *
     * @throws InvalidSpecException if it is a folder or its folder does not exist or is not writable
     */
    static void check(Path file) {
        Path dir = file.toAbsolutePath().getParent();
        if (Files.isDirectory(file) || dir == null || !Files.isDirectory(dir) || !Files.isWritable(dir)) {
            throw new InvalidSpecException("--jfr", "must be a file in an existing, writable folder, was " + file);
        }
    }

    /** Stops the recording and writes FILE, saying so on {@code out}. */
    void finish(PrintWriter out) {
        try {
            recording.saveTo(file);
            out.println("JFR recording written to " + file + " (read it with: jfr print --events " + TaskEvent.NAME
                    + " " + file + ", or open it in JDK Mission Control)");
        } catch (IOException e) {
            out.println("poolscope run: could not write the JFR recording " + file + ": " + e.getMessage());
        }
    }
}
