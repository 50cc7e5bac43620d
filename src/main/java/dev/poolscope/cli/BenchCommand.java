package dev.poolscope.cli;

import dev.poolscope.bench.BenchConfig;
import dev.poolscope.bench.BenchReport;
import dev.poolscope.bench.ClusterBench;
import dev.poolscope.bench.DashboardBench;
import dev.poolscope.bench.BenchRunner;
import dev.poolscope.bench.OverheadBench;
import dev.poolscope.bench.ProcessPoolBench;
import dev.poolscope.bench.PythonBench;
import dev.poolscope.bench.ScalingBench;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code poolscope bench}: what observing costs, the process pool against the pipe, PoolScope against Python. */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Measure PoolScope on this machine in one sitting: observation overhead against the bare JDK "
                + "executors, the process pool against a raw pipe between two JVMs, worker start-up, scaling, "
                + "the tutorial's Python stack (if python3 is on the PATH) and a 10-million-task heap check.",
                "Compared sides alternate so that machine drift hits both; figures are medians."})
public final class BenchCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec cmd;

    @Option(names = "--quick", description = "smaller sizes: under a minute on 2 cores (the full run takes under ten)")
    boolean quick;

    @Option(names = "--json", paramLabel = "FILE|-", description = "write the results as one JSON document to FILE, or to stdout with -")
    String json;

    @Option(names = "--quiet", description = "no progress lines on stderr")
    boolean quiet;

    @Option(names = "--tiny", hidden = true, description = "tiny sizes that check the plumbing (for tests; figures meaningless)")
    boolean tiny;

    @Option(names = "--cluster-only", description = "run only the cluster section (the cluster pool against a bare IExecutorService)")
    boolean clusterOnly;

    @Option(names = "--only", split = ",", paramLabel = "SECTION",
            description = "run only these sections (comma-separated): overhead, processRoundTrip, workerStartupMillis, "
                    + "scaling, python, heap, dashboard, cluster; the report leaves the others out")
    java.util.List<String> only = new java.util.ArrayList<>();

    @Override
    public Integer call() throws Exception {
        PrintWriter out = cmd.commandLine().getOut();
        PrintWriter err = cmd.commandLine().getErr();
        try {
            BenchRunner.requireKnownSections(only);
        } catch (IllegalArgumentException e) {
            throw new picocli.CommandLine.ParameterException(cmd.commandLine(), "--only: " + e.getMessage());
        }
        BenchConfig config = tiny ? BenchConfig.tiny() : quick ? BenchConfig.quick() : BenchConfig.full();
        try (InterruptGuard guard = InterruptGuard.install("poolscope bench", "bench", out, err)) {
            // Ctrl-C: "not started", or one line saying the benchmarks did not finish (their figures compare only as a whole)
            if (clusterOnly) {
                ClusterBench bench = guard.start(() -> new ClusterBench(config, dev.poolscope.pool.PoolRegistry.standard(), line -> {
                    if (!quiet) {
                        err.println("bench: " + line);
                        err.flush();
                    }
                }), r -> guard.print(() -> err.println("poolscope bench: interrupted before the benchmarks finished; "
                        + "no results are reported (they compare only as a whole)")));
                if (bench == null) {
                    return 130;
                }
                ClusterBench.Result c = bench.run();
                guard.close();
                String text = "-".equals(json) ? dev.poolscope.engine.ReportJson.mapper().writeValueAsString(c) : c.toString();
                guard.print(() -> {
                    out.println(text);
                    out.flush();
                });
                return 0;
            }
            BenchRunner runner = guard.start(() -> BenchRunner.standard(config, line -> {
                if (!quiet) {
                    err.println("bench: " + line);
                    err.flush();
                }
            }, new java.util.LinkedHashSet<>(only)), r -> guard.print(() -> err.println("poolscope bench: interrupted before the benchmarks finished; "
                    + "no results are reported (they compare only as a whole)")));
            if (runner == null) {
                return 130;
            }
            BenchReport report = runner.run();
            guard.close();
            guard.print(() -> emit(report, out));
        }
        return 0;
    }

    private void emit(BenchReport report, PrintWriter out) {
        if ("-".equals(json)) {
            out.println(report.toJson());
        } else {
            printTable(report, out);
            if (json != null) {
                try {
                    Files.writeString(Path.of(json), report.toJson() + System.lineSeparator());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                out.println("results written to " + json);
            }
        }
        out.flush();
    }

    /** Prints the report as readable tables. */
    static void printTable(BenchReport r, PrintWriter out) {
        BenchReport.Machine m = r.machine();
        out.printf(Locale.ROOT, "PoolScope bench (%s) -- %d cores, %s, %s, %s%n", r.mode(), m.cores(), m.java(), m.os(), m.date());
        out.printf(Locale.ROOT, "load average %.2f at the start, %.2f at the end (other processes share the cores above 0)%n",
                m.loadAverageStart(), m.loadAverageEnd());
        out.println();
        out.println("Observation overhead (PoolScope pool, metrics on, vs bare JDK executor; " + m.cores() + " workers)");
        if (r.overhead() != null) {
            out.printf(Locale.ROOT, "  %-9s %-8s %14s %14s %7s %12s%n", "pool", "task", "bare/s", "observed/s", "ratio", "added ns/task");
            for (OverheadBench.Result o : r.overhead()) {
                out.printf(Locale.ROOT, "  %-9s %-8s %,14.0f %,14.0f %7.3f %12.1f%n", o.pool(), o.task(),
                        o.barePerSecond(), o.observedPerSecond(), o.ratio(), o.addedNanosPerTask());
            }
        }
        out.println();
        ProcessPoolBench.RoundTrip rt = r.processRoundTrip();
        out.println("Process pool vs raw pipe (one child JVM, stdin/stdout"
                + (rt == null ? "" : ", both sides " + rt.pipeWakeup()) + ")");
        if (rt != null) {
            out.printf(Locale.ROOT, "  round trip p50   pipe %8.1f us   pool %s   ratio %s%n", rt.pipeMicrosP50(),
                    rt.poolMicrosP50() == null ? "     n/a" : String.format(Locale.ROOT, "%8.1f us (p99 %.1f us)", rt.poolMicrosP50(), rt.poolMicrosP99()),
                    rt.ratio() == null ? "n/a" : String.format(Locale.ROOT, "%.2fx", rt.ratio()));
            ProcessPoolBench.Pipelined p = rt.pipelined();
            out.printf(Locale.ROOT, "  pipelined        pipe %,10.0f/s   pool %s   ratio %s%n", p.pipePerSecond(),
                    p.poolPerSecond() == null ? "n/a" : String.format(Locale.ROOT, "%,10.0f/s", p.poolPerSecond()),
                    p.ratio() == null ? "n/a" : String.format(Locale.ROOT, "%.3f", p.ratio()));
            if (rt.reason() != null) {
                out.println("  note: " + rt.reason());
            }
        }
        ProcessPoolBench.Startup s = r.workerStartupMillis();
        if (s != null) {
            out.printf(Locale.ROOT, "  worker startup   %s   (bare echo JVM p50 %.1f ms)%n",
                    s.p50() == null ? "n/a: " + s.source()
                            : String.format(Locale.ROOT, "p50 %.1f ms, max %.1f ms over %d starts", s.p50(), s.max(), s.samples()),
                    s.rawJvmP50());
        }
        out.println();
        out.println("Scaling (cpu workload, 1 worker vs " + m.cores() + ")");
        if (r.scaling() != null) {
            for (ScalingBench.Result sc : r.scaling()) {
                out.printf(Locale.ROOT, "  %-9s %5.2fx   (%.2f s -> %.2f s; this JVM used %.2f cores)%n", sc.pool(),
                        sc.speedup(), sc.oneWorkerSeconds(), sc.manyWorkersSeconds(), sc.manyWorkersCoresUsed());
            }
        }
        out.println();
        PythonBench.Result py = r.python();
        if (py == null) {
            out.println("Python: " + r.pythonReason());
        } else {
            out.printf(Locale.ROOT, "Python (%s, start method %s, %d workers, cpu task = primes below %d)%n",
                    py.version(), py.startMethod(), py.workers(), py.cpuSize());
            for (PythonBench.PythonFigure f : py.results()) {
                out.printf(Locale.ROOT, "  %-28s %-5s %,14.1f/s%n", f.runner(), f.task(), f.perSecond());
            }
            for (PythonBench.Ratio x : py.ratios()) {
                out.printf(Locale.ROOT, "  %-28s %-5s %,14.1f/s  = %6.2fx %s%n", x.poolscope(), x.task(),
                        x.poolscopePerSecond(), x.ratio(), x.python());
            }
        }
        out.println();
        if (r.heap() != null) {
            var h = r.heap();
            out.printf(Locale.ROOT, "Heap: %,d no-op tasks on %s x%d in -Xmx%dm: %s%n", h.tasks(), h.pool(), h.workers(),
                    h.limitMB(), h.completed()
                            ? String.format(Locale.ROOT, "completed in %.1f s, peak %.1f MB, live after GC %.1f MB, GC %d ms",
                            h.seconds(), h.peakUsedMB(), h.liveAfterGcMB(), h.gcMillis())
                            : "FAILED: " + h.error());
            out.println();
        }
        ClusterBench.Result cb = r.cluster();
        if (cb == null) {
            out.println("Cluster: " + r.clusterReason());
        } else {
            out.printf(Locale.ROOT, "Cluster pool vs bare IExecutorService (%d members of 1 thread, %d no-op tasks per round, interleaved)%n",
                    cb.members(), cb.tinyTasks());
            out.printf(Locale.ROOT, "  throughput   bare %,10.0f/s   pool %,10.0f/s   ratio %.3f%n", cb.barePerSecond(),
                    cb.poolPerSecond(), cb.ratio());
            out.printf(Locale.ROOT, "  round trip p50   bare %8.1f us   pool %8.1f us   (process pool: %s)%n",
                    cb.bareRoundTripMicrosP50(), cb.poolRoundTripMicrosP50(),
                    rt == null || rt.poolMicrosP50() == null ? "n/a" : String.format(Locale.ROOT, "%.1f us", rt.poolMicrosP50()));
            out.printf(Locale.ROOT, "  cpu   1 member %.3f s   2 members %.3f s   speedup %.2fx%n", cb.oneMemberCpuSeconds(),
                    cb.twoMembersCpuSeconds(), cb.cpuSpeedup());
            out.printf(Locale.ROOT, "        %d tasks of cpu:size=%d per trial, %.1f ms each on one warm member%n",
                    cb.cpuTasksPerTrial(), cb.cpuTaskSize(), cb.cpuTaskMillis());
        }
        out.println();
        DashboardBench.Result d = r.dashboard();
        if (d == null) {
            out.println("Dashboard: " + r.dashboardReason());
        } else {
            out.printf(Locale.ROOT, "Dashboard vs command line (%s; %s; fresh JVM each, %d interleaved pairs)%n",
                    d.display(), d.spec(), d.pairs().size());
            out.printf(Locale.ROOT, "  %-6s %12s %12s %12s %10s %12s%n", "pair", "command/s", "first run/s", "steady/s",
                    "window s", "first task s");
            for (int i = 0; i < d.pairs().size(); i++) {
                DashboardBench.Pair p = d.pairs().get(i);
                out.printf(Locale.ROOT, "  %-6d %,12.1f %,12.1f %,12.1f %10.2f %12.2f%n", i + 1, p.cliPerSecond(),
                        p.firstPerSecond(), p.steadyPerSecond(), p.windowSeconds(), p.firstTaskSeconds());
            }
            out.printf(Locale.ROOT, "  median ratio: first run %.3fx, steady run %.3fx; window usable after %.2f s,"
                    + " first task %.2f s after Run%n", d.firstRunRatio(), d.steadyRunRatio(), d.windowSeconds(), d.firstTaskSeconds());
            out.println("  one side by hand: " + d.command());
        }
        out.println();
        out.println("Targets");
        for (BenchReport.Target t : r.targets()) {
            String mark = t.holds() == null ? "  -- " : t.holds() ? "  ok " : "  MISS";
            out.printf(Locale.ROOT, "%s %-60s %-9s %s%n", mark, t.name(), t.target(), t.measured());
        }
        for (String e : r.errors()) {
            out.println("error: " + e);
        }
        StringBuilder sections = new StringBuilder();
        r.sectionSeconds().forEach((name, secs) -> sections.append(String.format(Locale.ROOT, "%s %.1f s, ", name, secs)));
        out.printf(Locale.ROOT, "%nelapsed %.1f s (%s)%n", r.elapsedSeconds(),
                sections.isEmpty() ? "" : sections.substring(0, sections.length() - 2));
    }
}
