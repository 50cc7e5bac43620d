package dev.poolscope.process;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The last lines of one worker's log (its standard error, where its
 * {@code System.out} also goes). Keeps at most a fixed number of lines, each
 * cut to a maximum length, with control bytes shown as {@code ?}. Thread-safe.
 */
final class LogTail {
    static final int MAX_LINE = 400;
    private final int maxLines;
    private final ArrayDeque<String> lines;
    private long total;

    LogTail(int maxLines) {
        this.maxLines = maxLines;
        this.lines = new ArrayDeque<>(maxLines);
    }

    /** Adds one line. */
    synchronized void add(String line) {
        if (lines.size() == maxLines) {
            lines.removeFirst();
        }
        lines.addLast(line);
        total++;
    }

    /** The kept lines, oldest first. */
    synchronized List<String> lines() {
        return new ArrayList<>(lines);
    }

    /** The last {@code n} kept lines. */
    synchronized List<String> last(int n) {
        List<String> all = new ArrayList<>(lines);
        return all.subList(Math.max(0, all.size() - n), all.size());
    }

    /** Lines seen in all, including dropped ones. */
    synchronized long total() {
        return total;
    }

    /** Adds raw bytes as text lines (used for junk before the handshake). */
    void addBytes(byte[] b, int off, int len) {
        StringBuilder sb = new StringBuilder();
        for (int i = off; i < off + len; i++) {
            char c = (char) (b[i] & 0xff);
            if (c == '\n') {
                add(sb.toString());
                sb.setLength(0);
            } else if (sb.length() < MAX_LINE) {
                sb.append(c >= 0x20 && c < 0x7f || c == '\t' ? c : '?');
            }
        }
        if (!sb.isEmpty()) {
            add(sb.toString());
        }
    }

    /**
     * Reads the stream line by line into this tail until it ends. Returns
     * quietly when the stream closes or fails.
     */
    void drain(InputStream in) {
        byte[] buf = new byte[8192];
        byte[] line = new byte[MAX_LINE];
        int len = 0;
        boolean cut = false;
        try (in) {
            int n;
            while ((n = in.read(buf)) > 0) {
                for (int i = 0; i < n; i++) {
                    byte c = buf[i];
                    if (c == '\n') {
                        add(text(line, len, cut));
                        len = 0;
                        cut = false;
                    } else if (len < MAX_LINE) {
                        line[len++] = c;
                    } else {
                        cut = true;
                    }
                }
            }
        } catch (IOException e) {
            // the process is gone; keep what we have
        }
        if (len > 0) {
            add(text(line, len, cut));
        }
    }

    private static String text(byte[] b, int len, boolean cut) {
        String s = new String(b, 0, len, StandardCharsets.UTF_8);
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            sb.append(c == '\t' || c >= 0x20 && c != 0x7f && c != '\uFFFD' ? c : '?');
        }
        if (cut) {
            sb.append(" ...");
        }
        return sb.toString();
    }

    /** "; last output: a | b" for messages, or "" if there is none. */
    static String describe(List<String> tail) {
        if (tail == null || tail.isEmpty()) {
            return "";
        }
        // stack frames say less than the lines around them: leave them out
        List<String> telling = tail.stream()
                .filter(l -> !l.matches("\\s+(at |\\.\\.\\. \\d+ more).*") && !l.isBlank()).toList();
        if (telling.isEmpty()) {
            telling = tail;
        }
        List<String> last = telling.subList(Math.max(0, telling.size() - 5), telling.size());
        return "; last log lines: " + String.join(" | ", last);
    }
}
