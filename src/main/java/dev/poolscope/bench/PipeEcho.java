package dev.poolscope.bench;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * The child side of the raw pipe benchmark: a JVM that echoes fixed-size
 * frames from its standard input to its standard output, the channel a
 * process pool's worker uses, with nothing else in the way.
 *
 * <p>Protocol: on start it writes one {@value #FRAME}-byte ready frame holding
 * its PID; then it reads frame after frame and writes each back, flushing
 * whenever no more input is waiting (so a single round trip is not delayed and
 * pipelined frames leave in large writes). Each message is handled on its own,
 * as a worker handles each task, so the pipelined figure is a message rate,
 * not a byte copy. It exits when its input ends.
 *
 * <p>Standard output is this process's data channel, not a console, which is why
 * a main class outside the command-line package writes to it.
 */
public final class PipeEcho {
    /** Bytes per frame. */
    public static final int FRAME = 16;

    private PipeEcho() {
    }

    /** Echoes frames until standard input ends. */
    public static void main(String[] args) throws IOException {
        BufferedInputStream in = new BufferedInputStream(new FileInputStream(FileDescriptor.in), 64 * 1024);
        DataInputStream data = new DataInputStream(in);
        BufferedOutputStream out = new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 64 * 1024);
        byte[] frame = ByteBuffer.allocate(FRAME).putLong(ProcessHandle.current().pid()).putLong(0).array();
        out.write(frame);
        out.flush();
        while (true) {
            try {
                data.readFully(frame);
            } catch (EOFException end) {
                out.flush();
                return;
            }
            out.write(frame);
            if (in.available() == 0) {
                out.flush();
            }
        }
    }
}
