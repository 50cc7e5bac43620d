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

    public static void main(String[] args) {
        if (args.length == 0) {
            PoolScopeApp.launchApp(args);
            return;
        }
        int status = PoolScopeCli.execute(args);
        System.exit(status);
    }
}
