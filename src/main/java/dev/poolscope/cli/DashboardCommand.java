package dev.poolscope.cli;

import dev.poolscope.engine.RunEngine;
import dev.poolscope.engine.RunSpec;
import dev.poolscope.ui.DashboardLaunch;
import dev.poolscope.ui.LaunchTimings;
import dev.poolscope.ui.PoolScopeApp;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code poolscope dashboard}: opens the window with the form filled from the
 * run options; can press Run, write the report and close by itself.
 */
@Command(name = "dashboard", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Open the dashboard with the form filled from the run options (those of 'poolscope run').",
                "With --start --quit-after-run --json FILE it runs once in a real window and writes the report"
                        + " 'poolscope run --json' writes."})
public final class DashboardCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec cmd;

    @Mixin
    RunOptions options = new RunOptions();

    @Option(names = "--start", description = "press Run as soon as the window is open")
    boolean start;

    @Option(names = "--runs", paramLabel = "N", defaultValue = "1",
            description = "with --start: make N runs in a row; --json and --quit-after-run then apply to the last (default: ${DEFAULT-VALUE})")
    int runs;

    @Option(names = "--quit-after-run", description = "close the window (and exit) when the run ends")
    boolean quitAfterRun;

    @Option(names = "--json", paramLabel = "FILE", description = "write the run's report as JSON to FILE when it ends (the document of run --json)")
    Path json;

    /** What the window is asked to do; validates the spec (exit 2 before any window opens). */
    DashboardLaunch launch() {
        RunSpec spec = options.spec();
        spec.validate(RunEngine.standard().pools(), RunEngine.standard().workloads());
        return new DashboardLaunch(spec, start, runs, quitAfterRun, json, options.jfr());
    }

    @Override
    public Integer call() {
        DashboardLaunch launch = launch();
        String noDisplay = PoolScopeApp.noDisplay();
        if (noDisplay != null) {
            cmd.commandLine().getErr().println("poolscope: " + noDisplay);
            return PoolScopeCli.EXIT_USAGE;
        }
        String problem;
        LaunchTimings timings = new LaunchTimings();
        try {
            problem = PoolScopeApp.launch(launch, timings);
        } catch (RuntimeException e) {
            cmd.commandLine().getErr().println("poolscope dashboard: the dashboard could not start: " + e.getMessage()
                    + " (the command line works without a display: poolscope --help)");
            return PoolScopeCli.EXIT_INTERNAL;
        }
        if (quitAfterRun && start) {
            // one line for scripts and the bench: what the window cost before the run could begin
            cmd.commandLine().getErr().printf(java.util.Locale.ROOT,
                    "poolscope dashboard: window usable after %.2f s; first task seen %.2f s after Run%n",
                    timings.windowSeconds(), timings.firstTaskSeconds());
        }
        if (problem != null) {
            cmd.commandLine().getErr().println("poolscope dashboard: " + problem);
            return PoolScopeCli.EXIT_INTERNAL;
        }
        return 0;
    }
}
