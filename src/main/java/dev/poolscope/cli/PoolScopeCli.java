package dev.poolscope.cli;

import dev.poolscope.engine.InvalidSpecException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;

/**
 * The {@code poolscope} command line. Exit status: 0 when the command
 * completed (task failures are counted in reports, not fatal), 2 for invalid
 * input with one line on stderr naming the option and the allowed values,
 * 1 for an internal error.
 */
@Command(name = "poolscope", mixinStandardHelpOptions = true, versionProvider = PoolScopeCli.Version.class,
        description = "A lab for thread pools and process pools: run workloads, watch metrics, size pools.",
        subcommands = {RunCommand.class, DashboardCommand.class, WorkloadsCommand.class, DemoCommand.class, SweepCommand.class, LessonsCommand.class, BenchCommand.class, JvmsCommand.class, WatchCommand.class, MemberCommand.class, CommandLine.HelpCommand.class})
public final class PoolScopeCli implements Runnable {
    /** Exit status for invalid input. */
    public static final int EXIT_USAGE = 2;
    /** Exit status for an internal error. */
    public static final int EXIT_INTERNAL = 1;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Runs the command line with the given streams and returns the exit status. */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new PoolScopeCli());
        cl.setOut(out);
        cl.setErr(err);
        cl.setParameterExceptionHandler((ex, a) -> {
            CommandLine c = ex.getCommandLine();
            c.getErr().println(c.getCommandName().equals("poolscope") ? "poolscope: " + ex.getMessage()
                    : "poolscope " + c.getCommandName() + ": " + ex.getMessage());
            c.getErr().println("Try 'poolscope " + (c.getCommandName().equals("poolscope") ? "" : c.getCommandName() + " ") + "--help'.");
            c.getErr().flush();
            return EXIT_USAGE;
        });
        cl.setExecutionExceptionHandler((ex, c, parseResult) -> {
            String prefix = c.getCommandSpec().qualifiedName() + ": ";
            if (ex instanceof InvalidSpecException || ex instanceof IllegalArgumentException) {
                c.getErr().println(prefix + ex.getMessage());
                c.getErr().flush();
                return EXIT_USAGE;
            }
            c.getErr().println(prefix + "internal error: " + ex);
            if (Boolean.getBoolean("poolscope.debug")) {
                ex.printStackTrace(c.getErr());
            }
            c.getErr().flush();
            return EXIT_INTERNAL;
        });
        return cl.execute(args);
    }

    /** Runs the command line on stdout and stderr. */
    public static int execute(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        InterruptGuard.early(args, out, err);
        try {
            return execute(args, out, err);
        } finally {
            InterruptGuard.dropEarly();
            out.flush();
            err.flush();
        }
    }

    /** Reads the version from the jar manifest, if any. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = PoolScopeCli.class.getPackage().getImplementationVersion();
            return new String[]{"poolscope " + (v == null ? "dev" : v) + " (Java " + Runtime.version() + ")"};
        }
    }
}
