package dev.poolscope;

import dev.poolscope.cli.PoolScopeCli;
import dev.poolscope.ui.PoolScopeApp;

/**
 * Entry point of {@code poolscope.jar}: with no arguments it opens the
 * dashboard; with a subcommand it is the command line. (Not an
 * {@code Application} subclass, so the jar runs with JavaFX on the class path.)
 */
public final class Main {
    private Main() {
    }

    /** Why no window can open here, or null if one can (or we cannot tell). */
    static String noDisplay() {
        return PoolScopeApp.noDisplay();
    }

    public static void main(String[] args) {
        if (args.length == 0) {
            String problem = noDisplay();
            if (problem != null) {
                System.err.println("poolscope: " + problem);
                System.exit(2);
            }
            try {
                PoolScopeApp.launchApp(args);
            } catch (RuntimeException e) {
                System.err.println("poolscope: the dashboard could not start: " + e.getMessage()
                        + " (the command line works without a display: poolscope --help)");
                System.exit(1);
            }
            return;
        }
        int status = PoolScopeCli.execute(args);
        System.exit(status);
    }
}
