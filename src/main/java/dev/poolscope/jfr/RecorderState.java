package dev.poolscope.jfr;

import jdk.jfr.FlightRecorder;
import jdk.jfr.FlightRecorderListener;

/**
 * Whether the Flight Recorder has started in this JVM. Loading an event class
 * costs hundreds of milliseconds of JFR set-up, so PoolScope's event classes
 * are loaded only once the recorder is up: at start-up with
 * {@code -XX:StartFlightRecording}, or when any recording is created
 * ({@link PoolScopeRecording}, {@code jcmd PID JFR.start}, JMC). Until then the
 * check on the task path is one volatile read.
 */
final class RecorderState {
    private static volatile boolean initialized;

    static {
        FlightRecorder.addListener(new FlightRecorderListener() {
            @Override
            public void recorderInitialized(FlightRecorder recorder) {
                initialized = true;
                PoolSamples.registerHook();
            }
        });
    }

    private RecorderState() {
    }

    /** True once the Flight Recorder runs in this JVM (it then stays up). */
    static boolean initialized() {
        return initialized;
    }
}
