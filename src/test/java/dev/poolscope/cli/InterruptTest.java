package dev.poolscope.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Ctrl-C: before the work starts one line says so; after, the stopped work's consistent report. */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class InterruptTest {

    @Test
    void interruptBeforeTheStart_printsOneLine_andTheWorkNeverStarts() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        InterruptGuard g = InterruptGuard.install("poolscope run", "run", new PrintWriter(out), new PrintWriter(err));
        try {
            g.interruptNow();
            assertNull(g.start(() -> "started", w -> { }));
        } finally {
            g.close();
        }
        assertEquals("poolscope run: interrupted before the run had started; nothing to report", err.toString().strip());
        assertEquals("", out.toString());
    }

    @Test
    void interruptAfterTheStart_printsTheStoppedWorksResult_once() {
        StringWriter out = new StringWriter();
        InterruptGuard g = InterruptGuard.install("poolscope run", "run", new PrintWriter(out), new PrintWriter(new StringWriter()));
        try {
            String w = g.start(() -> "work", work -> g.print(() -> out.write("stopped " + work)));
            assertEquals("work", w);
            g.interruptNow();
            assertFalse(g.print(() -> out.write("finished")), "the interrupt printed already");
        } finally {
            g.close();
        }
        assertEquals("stopped work", out.toString());
    }

    /**
     * A real {@code poolscope run} process with worker processes, sent SIGINT at several moments: its first
     * worker process is starting, both are, the run is going. (Before the run starts, see the tests above:
     * the command's thread and the interrupt meet in the same guard.)
     */
    @Test
    void sigint_toARealProcessRun_atSeveralMoments_endsWithAReportOrOneLine() throws Exception {
        List<String> outcomes = new java.util.ArrayList<>();
        for (Moment m : Moment.values()) {
            outcomes.add(m + ": " + interruptAt(m));
        }
        assertEquals(Moment.values().length, outcomes.size(), String.join("\n", outcomes));
    }

    private enum Moment {
        /** The first worker process exists, far from ready. */
        FIRST_WORKER_STARTING(h -> h.children().findAny().isPresent()),
        /** Both worker processes exist. */
        BOTH_WORKERS_STARTING(h -> h.children().count() >= 2),
        /** Tasks have been running a while (a worker has used 0.7 s of CPU). */
        RUN_GOING(h -> h.children().anyMatch(c -> c.info().totalCpuDuration().map(d -> d.toMillis() > 700).orElse(false)));

        final Predicate<ProcessHandle> reached;

        Moment(Predicate<ProcessHandle> reached) {
            this.reached = reached;
        }
    }

    private static String interruptAt(Moment m) throws Exception {
        Path outFile = Files.createTempFile("poolscope-int", ".json");
        Path errFile = Files.createTempFile("poolscope-int", ".err");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "dev.poolscope.Main",
                "run", "--pool", "process", "--workers", "2", "--workload", "crash:p=0.05,millis=2", "--tasks", "100000",
                "--json", "-").redirectOutput(outFile.toFile()).redirectError(errFile.toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (!(handlesInterrupts(p.pid()) && m.reached.test(p.toHandle())) && p.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(5); // a poll with a bound, not a spin: the child needs both cores
            }
            assertTrue(p.isAlive(), m + ": the run ended before the moment came");
            new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor(10, TimeUnit.SECONDS);
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), m + ": the run did not end within 60 s of SIGINT");
            String out = Files.readString(outFile).strip();
            String err = Files.readString(errFile).strip();
            assertEquals(130, p.exitValue(), m + ": " + err);
            if (out.isEmpty()) {
                assertEquals("poolscope run: interrupted before the run had started; nothing to report", err, m.toString());
                return "not started";
            }
            JsonNode j = new ObjectMapper().readTree(out);
            JsonNode t = j.get("tasks");
            long ended = t.get("succeeded").asLong() + t.get("failed").asLong() + t.get("cancelled").asLong()
                    + t.get("rejected").asLong() + t.get("timedOut").asLong();
            assertEquals(t.get("submitted").asLong(), ended, m + ": the report's counts add up");
            assertEquals("stopped", j.get("state").asText(), m.toString());
            return "report, " + t.get("submitted").asLong() + " submitted";
        } finally {
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
            Files.deleteIfExists(outFile);
            Files.deleteIfExists(errFile);
        }
    }

    /** True once the JVM handles SIGINT (read from {@code /proc}: it catches signal 2). */
    private static boolean handlesInterrupts(long pid) {
        try {
            String status = Files.readString(Path.of("/proc", Long.toString(pid), "status"));
            for (String line : status.split("\n")) {
                if (line.startsWith("SigIgn:")) {
                    long ignored = Long.parseLong(line.substring(7).trim(), 16);
                    Assumptions.assumeTrue((ignored & 2) == 0, "SIGINT is ignored in this environment (a background job)");
                }
                if (line.startsWith("SigCgt:")) {
                    long caught = Long.parseLong(line.substring(7).trim(), 16);
                    if ((caught & 2) == 0) {
                        return false;
                    }
                }
            }
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
