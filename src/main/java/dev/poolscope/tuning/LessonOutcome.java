package dev.poolscope.tuning;

import java.util.List;
import java.util.Objects;

/**
 * A lesson played on this machine: its runs, each claim checked against their
 * figures, and the answer with the measured figures filled in. Immutable.
 *
 * @param lesson the lesson
 * @param runs its runs in order
 * @param claims each claim's verdict, in the lesson's order
 * @param answer the answer text with placeholders filled, or null if the lesson has none
 * @param cores the machine's core count the runs were sized for
 */
public record LessonOutcome(Lesson lesson, List<LessonRun> runs, List<ClaimResult> claims, String answer, int cores) {
    public LessonOutcome {
        runs = List.copyOf(runs);
        claims = List.copyOf(claims);
    }

    /** Checks the lesson's claims on the runs and fills its answer. */
    public static LessonOutcome of(Lesson lesson, List<LessonRun> runs, int cores) {
        List<RunFigures> figures = runs.stream().map(LessonRun::figures).filter(Objects::nonNull).toList();
        var byId = ClaimCheck.byId(figures);
        return new LessonOutcome(lesson, runs, ClaimCheck.checkAll(lesson, figures, cores),
                LessonText.fill(lesson.answer(), byId, cores), cores);
    }

    /** True if every claim held (and there was at least one). */
    public boolean held() {
        return !claims.isEmpty() && claims.stream().allMatch(ClaimResult::held);
    }
}
