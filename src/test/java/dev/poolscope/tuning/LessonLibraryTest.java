package dev.poolscope.tuning;

import dev.poolscope.engine.RunEngine;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LessonLibraryTest {
    private static final RunEngine ENGINE = RunEngine.standard();

    @Test
    void builtInLessons_loadWithoutProblems_andCoverTheIssue(@TempDir Path empty) {
        LessonLibrary lib = LessonLibrary.load(empty);
        assertEquals(List.of(), lib.problems());
        assertTrue(lib.lessons().size() >= 8, "lessons: " + lib.lessons().size());
        Set<String> ids = lib.lessons().stream().map(Lesson::id).collect(Collectors.toSet());
        assertTrue(ids.containsAll(Set.of("cpu-vs-cores", "io-and-virtual-threads", "threads-vs-processes",
                "queue-block-abort", "queue-caller-runs-discard", "tail-latency-skew", "crash-isolation",
                "littles-law", "tutorial-bugs")), ids.toString());
        assertEquals(lib.lessons().size(), ids.size(), "ids are unique");
    }

    @Test
    void everyRejectionPolicy_isTaughtBySomeLesson(@TempDir Path empty) {
        Set<String> policies = LessonLibrary.load(empty).lessons().stream().flatMap(l -> l.presets().stream())
                .map(LessonPreset::rejection).filter(java.util.Objects::nonNull).collect(Collectors.toSet());
        assertEquals(Set.of("block", "abort", "caller-runs", "discard-oldest"), policies);
    }

    /** One test per preset: valid against this build's registries, or skipped naming what is missing. */
    @TestFactory
    List<DynamicTest> everyPreset_isValid_orNeedsAKindThisBuildLacks() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Lesson l : LessonLibrary.load(null).lessons()) {
            for (LessonPreset p : l.presets()) {
                tests.add(DynamicTest.dynamicTest(l.id() + ": " + p.label(), () -> {
                    PresetCheck c = PresetCheck.of(p, ENGINE.pools(), ENGINE.workloads());
                    Assumptions.assumeTrue(c.status() != PresetCheck.Status.UNAVAILABLE,
                            "skipped: " + l.id() + " / " + p.label() + " " + c.message());
                    assertEquals(PresetCheck.Status.READY, c.status(), c.message());
                    assertEquals(p.workers().resolve(), c.spec().workers());
                }));
            }
        }
        return tests;
    }

    @Test
    void unavailableKind_isReportedByName_notAsInvalid() {
        LessonPreset p = new LessonPreset("x", "no-such-kind", WorkerCount.of(2), "cpu", 10, null, null, null, null, null, null, null, null, null);
        PresetCheck c = PresetCheck.of(p, ENGINE.pools(), ENGINE.workloads());
        assertEquals(PresetCheck.Status.UNAVAILABLE, c.status());
        assertTrue(c.message().contains("'no-such-kind'"), c.message());
    }

    @Test
    void invalidPreset_namesTheOption() {
        LessonPreset p = new LessonPreset("x", "fixed", WorkerCount.of(2), "io", 10, 5, "sometimes", null, null, null, null, null, null, null);
        PresetCheck c = PresetCheck.of(p, ENGINE.pools(), ENGINE.workloads());
        assertEquals(PresetCheck.Status.INVALID, c.status());
        assertTrue(c.message().startsWith("--rejection"), c.message());
    }

    @Test
    void userDirectory_addsAndReplacesLessons_andReportsBadFiles(@TempDir Path dir) throws Exception {
        LessonLibrary builtIn = LessonLibrary.load(dir);
        Lesson cpu = builtIn.find("cpu-vs-cores").orElseThrow();
        Lesson mine = new Lesson("my-lesson", "Mine", "Why.", List.of("This."), "What?", null, cpu.presets(), null, List.of());
        Files.writeString(dir.resolve("mine.json"), LessonLibrary.toJson(mine));
        Lesson replaced = new Lesson("cpu-vs-cores", "Replaced", "Why.", List.of("This."), "What?", null, cpu.presets(), null, List.of());
        Files.writeString(dir.resolve("replace.json"), LessonLibrary.toJson(replaced));
        Files.writeString(dir.resolve("broken.json"), "{ \"id\": \"x\", ");
        Files.writeString(dir.resolve("typo.json"), LessonLibrary.toJson(mine).replace("\"question\"", "\"questoin\""));
        Files.writeString(dir.resolve("notes.txt"), "not a lesson");

        LessonLibrary lib = LessonLibrary.load(dir);
        assertEquals(builtIn.lessons().size() + 1, lib.lessons().size());
        assertEquals("Replaced", lib.find("cpu-vs-cores").orElseThrow().title());
        assertEquals(mine, lib.find("my-lesson").orElseThrow());
        assertEquals(2, lib.problems().size(), lib.problems().toString());
        assertTrue(lib.problems().stream().anyMatch(s -> s.contains("broken.json")), lib.problems().toString());
        assertTrue(lib.problems().stream().anyMatch(s -> s.contains("typo.json") && s.contains("questoin")), lib.problems().toString());
    }

    @Test
    void parse_incompleteLesson_saysWhatIsMissing() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LessonLibrary.parse("{\"id\": \"Bad Id\", \"title\": \"t\", \"lookFor\": [], \"presets\": []}"));
        assertTrue(e.getMessage().contains("'id'") && e.getMessage().contains("'explanation' is missing")
                && e.getMessage().contains("'lookFor'") && e.getMessage().contains("presets"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }

    @Test
    void presetRoundTrips_throughJson() {
        Lesson l = LessonLibrary.load(null).find("queue-block-abort").orElseThrow();
        Lesson again = LessonLibrary.parse(LessonLibrary.toJson(l));
        assertEquals(l, again);
        assertNotEquals(null, again.presets().get(1).toRunSpec().rejection());
    }
}
