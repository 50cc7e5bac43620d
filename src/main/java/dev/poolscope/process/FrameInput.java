package dev.poolscope.process;

import java.io.BufferedInputStream;
import java.io.InputStream;

/**
 * A buffered input that can tell, without a system call, whether a whole
 * frame ({@code int} length, then that many bytes) is already in its buffer,
 * so a reader can take several frames that arrived together at once and
 * stop only where it would have to wait.
 */
final class FrameInput extends BufferedInputStream {
    FrameInput(InputStream in, int size) {
        super(in, size);
    }

    /** True if the buffer holds the next frame whole (a frame whose length is out of range counts as whole). */
    synchronized boolean hasWholeFrame() {
        int n = count - pos;
        if (n < 4) {
            return false;
        }
        byte[] b = buf;
        int length = (b[pos] & 0xff) << 24 | (b[pos + 1] & 0xff) << 16 | (b[pos + 2] & 0xff) << 8 | (b[pos + 3] & 0xff);
        return length < 1 || length <= n - 4;
    }
}
