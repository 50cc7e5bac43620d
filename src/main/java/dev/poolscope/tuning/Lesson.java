package dev.poolscope.tuning;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * A guided lesson for classrooms: an explanation, what to look for in the
 * charts, a question to answer from the figures, and one or two preset runs
 * (or a built-in demonstration). Lessons are data files (see {@link LessonLibrary})
 * so teachers can add their own.
 *
 * @param id a short unique name, e.g. {@code cpu-vs-cores}
 * @param title the title shown in lists
 * @param explanation a few sentences of background
 * @param lookFor what to watch in the charts and figures, one item per entry
 * @param question a question the figures answer
 * @param answer a short answer for the teacher, or null
 * @param presets one or two runs to start
 * @param demo the name of a built-in demonstration (see {@link TutorialDemos}), or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Lesson(String id, String title, String explanation, List<String> lookFor, String question,
                     String answer, List<LessonPreset> presets, String demo) {

    public Lesson {
        lookFor = lookFor == null ? List.of() : List.copyOf(lookFor);
        presets = presets == null ? List.of() : List.copyOf(presets);
    }

    /**
     * What is missing or wrong in this lesson's own fields, independent of the
     * registries; empty if it is complete.
     */
    public List<String> problems() {
        List<String> p = new java.util.ArrayList<>();
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
            p.add("a lesson needs 'presets' (one or two runs) or a 'demo'");
        }
        if (presets.size() > 2) {
            p.add("a lesson has one or two presets, this one has " + presets.size());
        }
        for (int i = 0; i < presets.size(); i++) {
            LessonPreset ps = presets.get(i);
            if (ps.label() == null || ps.label().isBlank()) {
                p.add("preset " + (i + 1) + " has no 'label'");
            }
            if (ps.workers() < 1 || ps.tasks() < 1) {
                p.add("preset " + (i + 1) + " needs 'workers' and 'tasks' of at least 1");
            }
        }
        if (demo != null && !TutorialDemos.names().contains(demo)) {
            p.add("unknown demo '" + demo + "'; allowed: " + String.join(", ", TutorialDemos.names()));
        }
        return p;
    }
}
