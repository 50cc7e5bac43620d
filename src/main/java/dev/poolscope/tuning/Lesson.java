package dev.poolscope.tuning;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.ArrayList;
import java.util.List;

/**
 * A guided lesson for classrooms: an explanation, what to look for in the
 * charts, a question to answer from the figures, any number of preset runs (or
 * a built-in demonstration), and claims about the runs' figures that
 * {@link ClaimCheck} verifies on the machine in front of the class. Lessons
 * are data files (see {@link LessonLibrary}) so teachers can add their own.
 *
 * @param id a short unique name, e.g. {@code cpu-vs-cores}
 * @param title the title shown in lists
 * @param explanation a few sentences of background
 * @param lookFor what to watch in the charts and figures, one item per entry
 * @param question a question the figures answer
 * @param answer a short answer for the teacher, or null; may quote measured figures (see {@link LessonText})
 * @param presets the runs to start, in order
 * @param demo the name of a built-in demonstration (see {@link TutorialDemos}), or null
 * @param claims what the runs' figures should show (see {@link LessonClaim})
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Lesson(String id, String title, String explanation, List<String> lookFor, String question,
                     String answer, List<LessonPreset> presets, String demo, List<LessonClaim> claims) {

    public Lesson {
        lookFor = lookFor == null ? List.of() : List.copyOf(lookFor);
        presets = presets == null ? List.of() : List.copyOf(presets);
        claims = claims == null ? List.of() : List.copyOf(claims);
    }

    /** The name claims use for each preset, in order: its {@code id}, else its letter (A, B, ...). */
    public List<String> runIds() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < presets.size(); i++) {
            String given = presets.get(i).id();
            ids.add(given != null && !given.isBlank() ? given : letter(i));
        }
        return ids;
    }

    private static String letter(int i) {
        return i < 26 ? String.valueOf((char) ('A' + i)) : "R" + (i + 1);
    }

    /**
     * What is missing or wrong in this lesson's own fields, independent of the
     * registries, each naming the field (e.g. {@code presets[1].workers},
     * {@code claims[0].than}); empty if it is complete.
     */
    public List<String> problems() {
        List<String> p = new ArrayList<>();
        if (id == null || !id.matches("[a-z0-9][a-z0-9-]*")) {
            p.add("'id' must be lower-case letters, digits and dashes, was " + (id == null ? "missing" : "'" + id + "'"));
        }
        for (var f : new String[][] {{"title", title}, {"explanation", explanation}, {"question", question}}) {
            if (f[1] == null || f[1].isBlank()) {
                p.add("'" + f[0] + "' is missing");
            }
        }
        if (lookFor.isEmpty()) {
            p.add("'lookFor' needs at least one entry");
        }
        if (presets.isEmpty() && demo == null) {
            p.add("a lesson needs 'presets' (one run or more) or a 'demo'");
        }
        for (int i = 0; i < presets.size(); i++) {
            LessonPreset ps = presets.get(i);
            String at = "presets[" + i + "]";
            if (ps == null) {
                p.add(at + ": is empty");
                continue;
            }
            if (ps.label() == null || ps.label().isBlank()) {
                p.add(at + ".label: is missing");
            }
            if (ps.workers() == null) {
                p.add(at + ".workers: is missing");
            } else if (!ps.workers().relative() && ps.workers().resolve(1) < 1) {
                p.add(at + ".workers: must be at least 1");
            }
            if (ps.tasks() < 1) {
                p.add(at + ".tasks: must be at least 1");
            }
            if (ps.id() != null && !ps.id().matches("[A-Za-z][A-Za-z0-9_-]*")) {
                p.add(at + ".id: '" + ps.id() + "' must be a letter then letters, digits, '-' or '_'");
            }
        }
        List<String> ids = runIds();
        if (new java.util.HashSet<>(ids).size() != ids.size()) {
            p.add("presets: run names must be unique, were " + String.join(", ", ids));
        }
        for (int i = 0; i < claims.size(); i++) {
            LessonClaim c = claims.get(i);
            if (c == null) {
                p.add("claims[" + i + "]: is empty");
                continue;
            }
            p.addAll(c.problems("claims[" + i + "]", ids));
            p.addAll(LessonText.problems("claims[" + i + "].text", c.text(), ids));
        }
        p.addAll(LessonText.problems("answer", answer, ids));
        if (demo != null && !TutorialDemos.names().contains(demo)) {
            p.add("demo: unknown demo '" + demo + "'; allowed: " + String.join(", ", TutorialDemos.names()));
        }
        return p;
    }
}
