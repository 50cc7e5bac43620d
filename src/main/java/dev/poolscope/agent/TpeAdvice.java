package dev.poolscope.agent;

import dev.poolscope.agent.boot.PoolHooks;
import net.bytebuddy.asm.Advice;

/** The advice inlined into {@code ThreadPoolExecutor}: each calls hooks of {@link PoolHooks} and nothing else. */
final class TpeAdvice {
    private TpeAdvice() {
    }

    /** {@code execute(Runnable)}. */
    static final class Execute {
        @Advice.OnMethodEnter
        static boolean enter(@Advice.This Object pool, @Advice.Argument(0) Runnable task) {
            return PoolHooks.onExecute(pool, task);
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class)
        static void exit(@Advice.This Object pool, @Advice.Enter boolean stamped) {
            if (stamped) {
                PoolHooks.onExecuted(pool);
            }
        }
    }

    /** {@code reject(Runnable)}. */
    static final class Reject {
        @Advice.OnMethodEnter
        static void enter(@Advice.This Object pool, @Advice.Argument(0) Runnable task) {
            PoolHooks.onReject(pool, task);
        }
    }

    /** {@code beforeExecute(Thread, Runnable)}. */
    static final class Before {
        @Advice.OnMethodEnter
        static void enter(@Advice.This Object pool, @Advice.Argument(1) Runnable task) {
            PoolHooks.onBefore(pool, task);
        }
    }

    /** {@code afterExecute(Runnable, Throwable)}. */
    static final class After {
        @Advice.OnMethodEnter
        static void enter(@Advice.This Object pool) {
            PoolHooks.onAfter(pool);
        }
    }
}
