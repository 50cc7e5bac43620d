package dev.poolscope.jfr;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import jdk.jfr.Recording;
import jdk.jfr.RecordingState;

/**
 * A JDK Flight Recorder recording of PoolScope's own events (a
 * {@link TaskEvent} per task, a {@link PoolSampleEvent} per live pool and
 * period) in this JVM, saved to a file that {@code jfr}, JDK Mission Control
 * and {@code jdk.jfr.consumer.RecordingFile} read.
 *
 * <p>Lifecycle: {@link #start(Duration)} records until {@link #saveTo(Path)}
 * (which stops it and writes the file) or {@link #close()} (which discards
 * it). A recording the user started with {@code -XX:StartFlightRecording}
 * records the same events independently.
 */
public final class PoolScopeRecording implements AutoCloseable {
    private final Recording recording;

    private PoolScopeRecording(Recording recording) {
        this.recording = recording;
    }

    /**
     * Starts recording PoolScope's events now.
     *
     * @param samplePeriod how often each live pool is sampled
     */
    public static PoolScopeRecording start(Duration samplePeriod) {
        Recording r = new Recording();
        r.setName("PoolScope");
        r.enable(TaskEvent.NAME).withoutStackTrace().withThreshold(Duration.ZERO);
        r.enable(PoolSampleEvent.NAME).withPeriod(samplePeriod);
        r.setToDisk(true);
        r.start();
        TaskEvents.enabled(); // loads the event class now, not inside the first task
        return new PoolScopeRecording(r);
    }

    /** True while it records. */
    public boolean recording() {
        return recording.getState() == RecordingState.RUNNING;
    }

    /**
     * Stops recording (if it still runs) and writes everything recorded to
     * {@code file}; the recording is then closed.
     *
     * @throws IOException if the file cannot be written
     */
    public void saveTo(Path file) throws IOException {
        try {
            if (recording()) {
                recording.stop();
            }
            recording.dump(file);
        } finally {
            recording.close();
        }
    }

    /** Stops and discards the recording. */
    @Override
    public void close() {
        recording.close();
    }

    @Override
    public String toString() {
        return "PoolScopeRecording[" + recording.getState() + "]";
    }
}
