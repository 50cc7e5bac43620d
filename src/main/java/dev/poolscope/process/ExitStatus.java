package dev.poolscope.process;

/** Words for a worker process's exit code: a plain code, or the signal that killed it. */
final class ExitStatus {
    private ExitStatus() {
    }

    /**
     * Describes an exit code as {@link Process#exitValue()} reports it: 128 + n
     * is read as "killed by signal n"; a negative code as unknown.
     */
    static String describe(int code) {
        if (code < 0) {
            return "exit status unknown";
        }
        if (code > 128 && code < 128 + 65) {
            int sig = code - 128;
            return "killed by signal " + sig + signalName(sig) + " (exit code " + code + ")";
        }
        return "exit code " + code;
    }

    private static String signalName(int sig) {
        return switch (sig) {
            case 1 -> " (SIGHUP)";
            case 2 -> " (SIGINT)";
            case 3 -> " (SIGQUIT)";
            case 6 -> " (SIGABRT)";
            case 9 -> " (SIGKILL)";
            case 11 -> " (SIGSEGV)";
            case 15 -> " (SIGTERM)";
            default -> "";
        };
    }
}
