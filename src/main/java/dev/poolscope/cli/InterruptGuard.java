package dev.poolscope.cli;

import java.io.PrintWriter;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Ctrl-C for a command that starts some work and then prints what it measured. Installed first thing
 * in the command, it makes every interrupt end in one of two ways: before the work has started, one line
 * on stderr saying so; after, the command's own way of stopping the work and printing its consistent
 * result. Exactly one of the command's thread and the interrupt prints, and the interrupt does not let
 * the JVM halt before that printing has finished.
 *
 * <pre>
 *   installed --start()--> started --print()--> printed
 *       \                     \
 *        +--Ctrl-C: "not started" line    +--Ctrl-C: stop the work, print()
 * </pre>
 */
final class InterruptGuard implements AutoCloseable {
    private final String command;
    private final String what;
    private final PrintWriter out;
    private final PrintWriter err;
    private final Thread hook;
    private final Object startLock = new Object();
    private final AtomicBoolean printing = new AtomicBoolean();
    private final CountDownLatch printed = new CountDownLatch(1);
    private boolean interrupted; // guarded by startLock
    private Runnable onInterrupt; // guarded by startLock; set once the work has started
    private boolean starting; // guarded by startLock
    /** How long an interrupt waits for a start in progress. */
    static final int START_WAIT_SECONDS = 30;

    /** Commands guarded from the moment the command line is read, before picocli and the command load. */
    private static final java.util.Set<String> GUARDED = java.util.Set.of("run", "sweep", "bench");
    private static final java.util.concurrent.atomic.AtomicReference<InterruptGuard> EARLY = new java.util.concurrent.atomic.AtomicReference<>();

    /**
     * Guards a {@code run}, {@code sweep} or {@code bench} process from its first moment (a loaded machine
     * can take seconds to reach the command itself); the command's {@link #install} takes the guard over.
     * For the real process only: {@link #dropEarly()} must follow the command.
     */
    static void early(String[] args, PrintWriter out, PrintWriter err) {
        if (args.length == 0 || !GUARDED.contains(args[0])) {
            return;
        }
        InterruptGuard g = new InterruptGuard("poolscope " + args[0], args[0], out, err);
        Runtime.getRuntime().addShutdownHook(g.hook);
        EARLY.set(g);
    }

    /** Uninstalls the early guard if no command took it over (help, bad input). */
    static void dropEarly() {
        InterruptGuard g = EARLY.getAndSet(null);
        if (g != null) {
            g.close();
        }
    }

    private InterruptGuard(String command, String what, PrintWriter out, PrintWriter err) {
        this.command = command;
        this.what = what;
        this.out = out;
        this.err = err;
        this.hook = new Thread(this::interrupted, command.replace(' ', '-') + "-interrupt");
    }

    /**
     * Installs the guard.
     *
     * @param command the command's name for messages, e.g. {@code poolscope run}
     * @param what what it starts, e.g. {@code run}
     */
    static InterruptGuard install(String command, String what, PrintWriter out, PrintWriter err) {
        InterruptGuard early = EARLY.getAndSet(null);
        if (early != null) {
            if (early.command.equals(command)) {
                return early; // guarding since the command line was read
            }
            early.close();
        }
        InterruptGuard g = new InterruptGuard(command, what, out, err);
        Runtime.getRuntime().addShutdownHook(g.hook);
        return g;
    }

    /**
     * Starts the work unless an interrupt came first. An interrupt that comes while the work starts waits
     * (up to {@value #START_WAIT_SECONDS} s) for it to have started, then calls {@code onInterrupt} with it;
     * if the start fails or takes longer, the interrupt says the work had not started.
     *
     * @return the started work, or null if an interrupt came first or broke the start (its line is
     *         printed; return at once)
     */
    <T> T start(Supplier<T> starter, Consumer<T> onInterrupt) {
        synchronized (startLock) {
            if (interrupted) {
                return null;
            }
            starting = true;
        }
        T work = null;
        try {
            work = starter.get();
        } catch (RuntimeException | Error e) {
            synchronized (startLock) {
                if (interrupted) {
                    return null; // the interrupt stopped the start (a pool's workers were killed): its line says so
                }
            }
            throw e;
        } finally {
            synchronized (startLock) {
                T started = work;
                if (started != null) {
                    this.onInterrupt = () -> onInterrupt.accept(started);
                }
                starting = false;
                startLock.notifyAll();
            }
        }
        return work;
    }

    /**
     * Prints the result unless the other side already does; returns whether this call printed. Called by
     * the command's thread with its result, and by the {@code onInterrupt} action with the stopped work's.
     */
    boolean print(Runnable emit) {
        if (!printing.compareAndSet(false, true)) {
            return false;
        }
        try {
            emit.run();
        } finally {
            out.flush();
            err.flush();
            printed.countDown();
        }
        return true;
    }

    /** What an interrupt does (the shutdown hook's body; tests call it directly). */
    void interruptNow() {
        interrupted();
    }

    private void interrupted() {
        Runnable action;
        synchronized (startLock) {
            interrupted = true;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_WAIT_SECONDS);
            long left;
            while (starting && (left = deadline - System.nanoTime()) > 0) {
                try {
                    TimeUnit.NANOSECONDS.timedWait(startLock, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            action = onInterrupt;
        }
        if (action == null) {
            print(() -> err.println(command + ": interrupted before the " + what + " had started; nothing to report"));
            return;
        }
        try {
            action.run();
        } catch (RuntimeException e) {
            print(() -> err.println(command + ": interrupted; " + e.getMessage()));
        }
        try {
            printed.await(15, TimeUnit.SECONDS); // the command's thread may be printing: let it finish
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        out.flush();
        err.flush();
    }

    /** Uninstalls the guard once the work has ended (a no-op while an interrupt is being handled). */
    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the interrupt is being handled and will see the printing through
        }
    }
}
