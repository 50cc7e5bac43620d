package dev.poolscope.workload;

/**
 * The units of work the built-in workloads are made of: real CPU work that
 * stops when interrupted, blocking waits, and a deterministic random source.
 */
public final class Work {
    private Work() {
    }

    /**
     * Counts the primes below {@code n} by trial division: real CPU work whose
     * cost grows a little faster than {@code n}. Checks for interruption every
     * 4096 numbers and throws {@link InterruptedException}, so a timed-out task stops.
     */
    public static int countPrimes(long n) throws InterruptedException {
        int count = 0;
        for (long i = 2; i < n; i++) {
            if ((i & 4095) == 0 && Thread.currentThread().isInterrupted()) {
                throw new InterruptedException("interrupted during CPU work");
            }
            if (isPrime(i)) {
                count++;
            }
        }
        return count;
    }

    private static boolean isPrime(long x) {
        if (x < 4) {
            return x >= 2;
        }
        if ((x & 1) == 0) {
            return false;
        }
        for (long d = 3; d * d <= x; d += 2) {
            if (x % d == 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * Keeps the CPU busy for {@code nanos}, computing hashes, and returns a value
     * that depends on the work done (so it cannot be optimised away).
     * Stops early, throwing {@link InterruptedException}, if interrupted.
     */
    public static long spinFor(long nanos) throws InterruptedException {
        long end = System.nanoTime() + nanos;
        long h = 0x9E3779B97F4A7C15L;
        int i = 0;
        while (true) {
            for (int k = 0; k < 256; k++) {
                h = mix(h + k);
            }
            if ((++i & 15) == 0 && Thread.currentThread().isInterrupted()) {
                throw new InterruptedException("interrupted during CPU work");
            }
            if (System.nanoTime() - end >= 0) {
                return h;
            }
        }
    }

    /** Sleeps for {@code nanos}; a blocking wait standing for I/O. */
    public static void sleepNanos(long nanos) throws InterruptedException {
        if (nanos <= 0) {
            return;
        }
        Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
    }

    /** SplitMix64's finaliser: a good 64-bit mixing function. */
    public static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** A uniform number in [0, 1) fixed by seed, task index and a salt. */
    public static double unit(long seed, long index, long salt) {
        long z = mix(seed * 0x9E3779B97F4A7C15L + mix(index + 0x632BE59BD9B4E019L * (salt + 1)));
        return (z >>> 11) * 0x1.0p-53;
    }
}
