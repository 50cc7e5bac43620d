package dev.poolscope.cli;

import dev.poolscope.engine.RunEngine;
import dev.poolscope.pool.PoolConfig;
import dev.poolscope.tuning.Lesson;
import dev.poolscope.tuning.LessonLibrary;
import dev.poolscope.tuning.LessonPreset;
import dev.poolscope.tuning.PresetCheck;
import dev.poolscope.tuning.TutorialDemos;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code poolscope lessons [ID]}: lists the guided lessons or shows one, with its runs as commands;
 * {@code poolscope lessons check} runs them and checks their claims ({@link LessonsCheckCommand}).
 */
@Command(name = "lessons", mixinStandardHelpOptions = true, sortOptions = false, subcommands = LessonsCheckCommand.class,
        description = {"List the guided lessons, or show one with its preset runs as 'poolscope run' commands.",
                "Teachers add lessons as JSON files in ~/.poolscope/lessons (or --dir); see 'poolscope lessons ID --json' for the format.",
                "'poolscope lessons check [ID...]' runs lessons and checks their claims on this machine."})
public final class LessonsCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec cmd;

    @Parameters(index = "0", arity = "0..1", paramLabel = "ID", description = "the lesson to show")
    String id;

    @Option(names = "--dir", paramLabel = "DIR", description = "directory of extra lesson files (default: ${DEFAULT-VALUE})")
    Path dir = LessonLibrary.defaultUserDirectory();

    @Option(names = "--demo", description = "also run the lesson's built-in demonstration")
    boolean demo;

    @Option(names = "--json", description = "print the lesson in its file format")
    boolean json;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = cmd.commandLine().getOut();
        PrintWriter err = cmd.commandLine().getErr();
        LessonLibrary lib = LessonLibrary.load(dir);
        for (String p : lib.problems()) {
            err.println("poolscope lessons: skipped " + p);
        }
        if (id == null) {
            for (Lesson l : lib.lessons()) {
                out.printf(Locale.ROOT, "  %-28s %s%n", l.id(), l.title());
            }
            out.println();
            out.println("Show one with 'poolscope lessons ID'.");
            return 0;
        }
        Lesson l = lib.find(id).orElseThrow(() -> new IllegalArgumentException("unknown lesson '" + id + "'; allowed: "
                + String.join(", ", lib.lessons().stream().map(Lesson::id).toList())));
        if (json) {
            out.println(LessonLibrary.toJson(l));
            return 0;
        }
        out.println(l.title());
        out.println("=".repeat(l.title().length()));
        out.println(l.explanation());
        out.println();
        out.println("What to look for:");
        l.lookFor().forEach(s -> out.println("  - " + s));
        out.println();
        out.println("Question: " + l.question());
        RunEngine engine = RunEngine.standard();
        if (!l.presets().isEmpty()) {
            out.println();
            out.println("Runs:");
            for (LessonPreset p : l.presets()) {
                PresetCheck c = PresetCheck.of(p, engine.pools(), engine.workloads());
                out.println("  " + p.label() + (c.ready() ? "" : "  (not available: " + c.message() + ")"));
                out.println("    " + commandLine(p));
            }
        }
        if (l.demo() != null) {
            out.println();
            if (demo) {
                out.println("Demo '" + l.demo() + "':");
                out.flush();
                TutorialDemos.run(l.demo()).lines().forEach(s -> out.println(s.isEmpty() ? "" : "  " + s));
            } else {
                out.println("Demo: poolscope lessons " + l.id() + " --demo");
            }
        }
        out.flush();
        return 0;
    }

    /** The preset as a {@code poolscope run} command line. */
    static String commandLine(LessonPreset p) {
        List<String> a = new ArrayList<>(List.of("poolscope", "run", "--pool", p.pool(), "--workers", Integer.toString(p.workers().resolve()),
                "--workload", p.workload(), "--tasks", Long.toString(p.tasks())));
        if (p.queueCapacity() != null && p.queueCapacity() != PoolConfig.UNBOUNDED) {
            a.addAll(List.of("--queue-capacity", p.queueCapacity().toString()));
        }
        if (p.rejection() != null) {
            a.addAll(List.of("--rejection", p.rejection()));
        }
        if (p.arrival() != null) {
            a.addAll(List.of("--arrival", p.arrival()));
        }
        if (p.rate() != null) {
            a.addAll(List.of("--rate", p.rate() == Math.rint(p.rate()) ? Long.toString(p.rate().longValue()) : p.rate().toString()));
        }
        if (p.batchSize() != null) {
            a.addAll(List.of("--batch-size", p.batchSize().toString()));
        }
        if (p.batchInterval() != null) {
            a.addAll(List.of("--batch-interval", p.batchInterval()));
        }
        if (p.taskTimeout() != null) {
            a.addAll(List.of("--task-timeout", p.taskTimeout()));
        }
        if (p.seed() != null) {
            a.addAll(List.of("--seed", p.seed().toString()));
        }
        return String.join(" ", a);
    }
}
