package dev.poolscope.bench;

import java.io.EOFException;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;

/**
 * The child side of the raw pipe benchmark: a JVM that echoes fixed-size
 * frames from its standard input to its standard output, the channel a
 * process pool's worker uses, with nothing else in the way.
 *
 * <p>Protocol: on start it writes one {@value #FRAME}-byte ready frame holding
 * its PID; then it echoes every frame it reads, flushing whenever no more input
 * is waiting (so single round trips are not delayed and pipelined frames go out
 * in large writes). It exits when its input ends.
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
        InputStream in = new FileInputStream(FileDescriptor.in);
        OutputStream out = new FileOutputStream(FileDescriptor.out);
        byte[] ready = ByteBuffer.allocate(FRAME).putLong(ProcessHandle.current().pid()).putLong(0).array();
        out.write(ready);
        out.flush();
        byte[] buf = new byte[64 * 1024];
        int have = 0;
        while (true) {
            int n = in.read(buf, have, buf.length - have);
            if (n < 0) {
                if (have != 0) {
                    throw new EOFException("input ended inside a frame");
                }
                return;
            }
            have += n;
            int whole = have - have % FRAME;
            if (whole > 0) {
                out.write(buf, 0, whole);
                System.arraycopy(buf, whole, buf, 0, have - whole);
                have -= whole;
            }
        }
    }
}
