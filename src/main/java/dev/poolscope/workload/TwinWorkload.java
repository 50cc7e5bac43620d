package dev.poolscope.workload;

import java.nio.file.Path;
import java.util.List;

/**
 * {@code twin}: replays a watched pool's tasks from a twin file ({@link TwinFile}, written by
 * {@code poolscope watch PID --deep --twin F}): each task spins the CPU for a CPU time drawn from the measured
 * distribution, then sleeps for a blocked time drawn from the other (the two are drawn independently), fixed by the
 * seed. The file's arrival rate becomes the run's when no {@code --rate} is given.
 */
public final class TwinWorkload implements Workload {
    @Override public String name() { return "twin"; }
    @Override public String description() { return "a watched pool's measured tasks, replayed from a twin file (CPU as CPU, waiting as sleep)"; }
    @Override public int order() { return 90; }

    @Override
    public List<ParamSpec> params() {
        return List.of(ParamSpec.text("file", "the twin file written by 'watch PID --deep --twin FILE'"));
    }

    @Override
    public TaskSource bind(Params p, long seed) {
        String file = p.text("file");
        if (file == null || file.isBlank()) {
            throw new IllegalArgumentException("workload 'twin' needs file=PATH (a twin file written by 'watch PID --deep --twin FILE')");
        }
        TwinFile twin = TwinFile.read(Path.of(file));
        return i -> () -> {
            long cpu = twin.cpu().at(Work.unit(seed, i, 7));
            long blocked = twin.blocked().at(Work.unit(seed, i, 8));
            long h = cpu > 0 ? Work.spinFor(cpu) : 0;
            Work.sleepNanos(blocked);
            return h + blocked;
        };
    }
}
