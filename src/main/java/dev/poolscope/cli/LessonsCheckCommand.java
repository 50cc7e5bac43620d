package dev.poolscope.cli;

import dev.poolscope.engine.RunEngine;
import dev.poolscope.engine.RunSpec;
import dev.poolscope.tuning.ClaimResult;
import dev.poolscope.tuning.Lesson;
import dev.poolscope.tuning.LessonCheckJson;
import dev.poolscope.tuning.LessonFigure;
import dev.poolscope.tuning.LessonLibrary;
import dev.poolscope.tuning.LessonOutcome;
import dev.poolscope.tuning.LessonRun;
import dev.poolscope.tuning.LessonRunner;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code poolscope lessons check [ID...]}: runs the lessons' runs on this machine and
 * reports whether each claim held. Exit 0 when every claim held, 3 when one did not,
 * 2 for bad input (an unknown id, a lesson file that does not parse), 1 for an internal error.
 */
@Command(name = "check", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run lessons' runs on this machine and check each lesson's claims against the measured figures.",
                "Exit 0 when every claim held, 3 when one did not, 2 for bad input, 1 for an internal error."})
public final class LessonsCheckCommand implements Callable<Integer> {
    /** Exit status when a claim did not hold. */
    public static final int EXIT_NOT_HELD = 3;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec cmd;

    @Parameters(arity = "0..*", paramLabel = "ID", description = "lessons to check (default: all)")
    List<String> ids = new ArrayList<>();

    @Option(names = "--dir", paramLabel = "DIR", description = "directory of extra lesson files (default: ${DEFAULT-VALUE})")
    Path dir = LessonLibrary.defaultUserDirectory();

    @Option(names = "--json", paramLabel = "FILE|-", description = "write the results as JSON to FILE, or to stdout with '-'")
    String json;

    @Option(names = "--run-timeout", paramLabel = "DURATION", converter = Converters.DurationConverter.class,
            description = "longest one run may take before it is stopped (default: ${DEFAULT-VALUE})")
    Duration runTimeout = Duration.ofMinutes(2);

    @Override
    public Integer call() {
        PrintWriter out = cmd.commandLine().getOut();
        PrintWriter err = cmd.commandLine().getErr();
        PrintWriter text = "-".equals(json) ? err : out;
        LessonLibrary lib = LessonLibrary.load(dir);
        for (String p : lib.problems()) {
            err.println("poolscope lessons check: skipped " + p);
        }
        List<Lesson> chosen = new ArrayList<>();
        for (String id : ids) {
            chosen.add(lib.find(id).orElseThrow(() -> new IllegalArgumentException("unknown lesson '" + id
                    + "'; allowed: " + String.join(", ", lib.lessons().stream().map(Lesson::id).toList()))));
        }
        if (ids.isEmpty()) {
            chosen.addAll(lib.lessons());
        }
        int cores = Runtime.getRuntime().availableProcessors();
        LessonRunner runner = new LessonRunner(RunEngine.standard(), runTimeout, cores);
        List<LessonOutcome> outcomes = new ArrayList<>();
        text.printf(Locale.ROOT, "PoolScope lessons check: %d lessons on %d cores%n", chosen.size(), cores);
        text.flush();
        try {
            for (Lesson l : chosen) {
                text.println();
                text.println(l.id() + ": " + l.title());
                text.flush();
                LessonOutcome o = runner.play(l, new LessonRunner.Listener() {
                    @Override
                    public void ended(Lesson lesson, int index, LessonRun run) {
                        text.println("  " + runLine(run));
                        text.flush();
                    }
                });
                outcomes.add(o);
                if (o.claims().isEmpty()) {
                    text.println("  (no claims)");
                }
                for (ClaimResult c : o.claims()) {
                    text.println("  " + (c.held() ? "held     " : "NOT HELD ") + c.text());
                    text.println("           " + figures(c));
                    if (!c.held()) {
                        text.println("           likely reason: " + c.reason());
                    }
                }
                text.flush();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("poolscope lessons check: interrupted");
            return PoolScopeCli.EXIT_INTERNAL;
        }
        long claims = outcomes.stream().mapToLong(o -> o.claims().size()).sum();
        long held = outcomes.stream().flatMap(o -> o.claims().stream()).filter(ClaimResult::held).count();
        text.println();
        text.printf(Locale.ROOT, "%d of %d claims held in %d lessons%n", held, claims, outcomes.size());
        text.flush();
        if (json != null) {
            String doc = LessonCheckJson.toJson(outcomes, lib.problems(), cores);
            if ("-".equals(json)) {
                out.println(doc);
            } else {
                try {
                    Files.writeString(Path.of(json), doc + System.lineSeparator());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                out.println("results written to " + json);
            }
            out.flush();
        }
        if (!lib.problems().isEmpty()) {
            return PoolScopeCli.EXIT_USAGE;
        }
        return held == claims ? 0 : EXIT_NOT_HELD;
    }

    private static String runLine(LessonRun r) {
        if (!r.ran()) {
            return r.id() + "  " + r.preset().label() + ": not run: " + r.problem();
        }
        RunSpec s = r.spec();
        var f = r.figures();
        return String.format(Locale.ROOT, "%s  %-34s %s x%d  %s  p99 %s  %s in %s, others %.2f cores", r.id(), r.preset().label(),
                s.pool(), s.workers(), LessonFigure.THROUGHPUT.format(f.get(LessonFigure.THROUGHPUT)),
                LessonFigure.P99.format(f.get(LessonFigure.P99)), r.report().state().label(),
                LessonFigure.WALL_SECONDS.format(f.get(LessonFigure.WALL_SECONDS)), f.otherCores());
    }

    private static String figures(ClaimResult c) {
        List<String> parts = new ArrayList<>();
        c.figures().forEach((k, v) -> parts.add(k + " = " + String.format(Locale.ROOT, "%,.3f", v)));
        return String.join(", ", parts);
    }
}
