package dev.poolscope.tuning;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The lessons: the built-in ones on the class path plus a teacher's own from a
 * directory of {@code *.json} files, one lesson per file. A user lesson with
 * the id of a built-in one replaces it. A file that does not parse, or a lesson
 * that is incomplete, is left out and reported in {@link #problems()}, naming
 * the file and the field; it never stops the others from loading.
 *
 * <h2>Where</h2>
 * Built-in lessons are listed in {@code dev/poolscope/lessons/index.txt} (one
 * file name a line). The user directory is the system property
 * {@code poolscope.lessons.dir}, else the environment variable
 * {@code POOLSCOPE_LESSONS}, else {@code ~/.poolscope/lessons}.
 *
 * <h2>Format</h2>
 * See {@link Lesson}, {@link LessonPreset} and {@link LessonClaim}; unknown fields are errors so that
 * a misspelt field is reported, not ignored. Immutable once loaded.
 */
public final class LessonLibrary {
    private static final String BUILT_IN = "dev/poolscope/lessons/";
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    private final List<Lesson> lessons;
    private final List<String> problems;

    private LessonLibrary(List<Lesson> lessons, List<String> problems) {
        this.lessons = List.copyOf(lessons);
        this.problems = List.copyOf(problems);
    }

    /** The built-in lessons plus those in the default user directory, if it exists. */
    public static LessonLibrary load() {
        return load(defaultUserDirectory());
    }

    /** The built-in lessons plus those in {@code userDir} (may be null or absent). */
    public static LessonLibrary load(Path userDir) {
        Map<String, Lesson> byId = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (String file : builtInFiles()) {
            try (InputStream in = LessonLibrary.class.getClassLoader().getResourceAsStream(BUILT_IN + file)) {
                if (in == null) {
                    problems.add(file + ": listed in index.txt but not found");
                    continue;
                }
                add(byId, problems, file, new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                problems.add(file + ": " + e.getMessage());
            }
        }
        if (userDir != null && Files.isDirectory(userDir)) {
            try (DirectoryStream<Path> files = Files.newDirectoryStream(userDir, "*.json")) {
                List<Path> sorted = new ArrayList<>();
                files.forEach(sorted::add);
                sorted.sort(null);
                for (Path f : sorted) {
                    try {
                        add(byId, problems, f.toString(), Files.readString(f));
                    } catch (IOException e) {
                        problems.add(f + ": " + e.getMessage());
                    }
                }
            } catch (IOException e) {
                problems.add(userDir + ": " + e.getMessage());
            }
        }
        return new LessonLibrary(new ArrayList<>(byId.values()), problems);
    }

    /** The user directory lessons are read from when none is given. */
    public static Path defaultUserDirectory() {
        String prop = System.getProperty("poolscope.lessons.dir");
        if (prop != null && !prop.isBlank()) {
            return Path.of(prop);
        }
        String env = System.getenv("POOLSCOPE_LESSONS");
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        return Path.of(System.getProperty("user.home"), ".poolscope", "lessons");
    }

    /**
     * Parses one lesson file.
     *
     * @throws IllegalArgumentException with a one-line reason (bad JSON, unknown field, missing field)
     */
    public static Lesson parse(String json) {
        Lesson l;
        try {
            l = MAPPER.readValue(json, Lesson.class);
        } catch (JsonProcessingException e) {
            String msg = e.getOriginalMessage();
            if (e.getCause() instanceof IllegalArgumentException cause && cause.getMessage() != null) {
                msg = cause.getMessage();
            }
            var loc = e.getLocation();
            String field = e instanceof JsonMappingException m ? path(m) : "";
            throw new IllegalArgumentException((loc == null ? "" : "line " + loc.getLineNr() + ": ")
                    + (field.isEmpty() ? "" : field + ": ") + msg.lines().findFirst().orElse(msg));
        }
        if (l == null) {
            throw new IllegalArgumentException("the file is empty");
        }
        List<String> p = l.problems();
        if (!p.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", p));
        }
        return l;
    }

    /** The field a mapping error is at, e.g. {@code presets[1].workers}; empty if none. */
    private static String path(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                sb.append(sb.isEmpty() ? "" : ".").append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                sb.append('[').append(r.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    /** A lesson as JSON text, in the format {@link #parse} reads (for teachers copying one as a start). */
    public static String toJson(Lesson lesson) {
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(lesson);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void add(Map<String, Lesson> byId, List<String> problems, String source, String json) {
        try {
            Lesson l = parse(json);
            byId.put(l.id(), l);
        } catch (IllegalArgumentException e) {
            problems.add(source + ": " + e.getMessage());
        }
    }

    private static List<String> builtInFiles() {
        try (InputStream in = LessonLibrary.class.getClassLoader().getResourceAsStream(BUILT_IN + "index.txt")) {
            if (in == null) {
                return List.of();
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::trim)
                    .filter(s -> !s.isEmpty() && !s.startsWith("#")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The lessons in order: built-in ones first (in index order), then the user's. */
    public List<Lesson> lessons() {
        return lessons;
    }

    /** The lesson with this id, if any. */
    public Optional<Lesson> find(String id) {
        return lessons.stream().filter(l -> l.id().equals(id)).findFirst();
    }

    /** Files that were left out, each as {@code file: reason}. */
    public List<String> problems() {
        return problems;
    }

    @Override
    public String toString() {
        return "LessonLibrary[" + lessons.size() + " lessons, " + problems.size() + " problems]";
    }
}
