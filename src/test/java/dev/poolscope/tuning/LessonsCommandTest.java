package dev.poolscope.tuning;

import dev.poolscope.cli.PoolScopeCli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class LessonsCommandTest {

    private static String[] cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = PoolScopeCli.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new String[] {Integer.toString(status), out.toString(), err.toString()};
    }

    @Test
    void list_showsEveryLesson_andReportsBadUserFiles(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("bad.json"), "{");
        String[] r = cli("lessons", "--dir", dir.toString());
        assertEquals("0", r[0], r[2]);
        assertTrue(r[1].lines().filter(l -> l.startsWith("  ")).count() >= 8, r[1]);
        assertTrue(r[2].contains("bad.json"), r[2]);
    }

    @Test
    void show_printsThePresetsAsRunCommands() {
        String[] r = cli("lessons", "queue-block-abort");
        assertEquals("0", r[0], r[2]);
        assertTrue(r[1].contains("poolscope run --pool fixed --workers 2 --workload io:millis=10 --tasks 500 "
                + "--queue-capacity 20 --rejection abort --arrival fixed --rate 400"), r[1]);
    }

    @Test
    void unknownLesson_exitsTwo_namingTheAllowedIds() {
        String[] r = cli("lessons", "nope");
        assertEquals("2", r[0]);
        assertTrue(r[2].contains("cpu-vs-cores"), r[2]);
    }
}
