package dev.poolscope.process;

import dev.poolscope.pool.TaskBiFunction;
import dev.poolscope.pool.TaskCallable;
import dev.poolscope.pool.TaskFunction;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * Bulk operations in chunks: each task a worker runs carries many items, so
 * bulk work does not pay one round trip per item. Results come back in input
 * order; if a chunk fails, the other chunks are cancelled and its failure is thrown.
 */
final class ChunkedMap {
    private ChunkedMap() {
    }

    /** The chunk size for {@code n} items over {@code workers} workers: {@code ceil(n / (4 * workers))}. */
    static int autoChunkSize(int n, int workers) {
        return Math.max(1, (int) Math.ceil(n / (4.0 * workers)));
    }

    /** Applies {@code fn} to the items in chunks of {@code chunkSize}, one task per chunk. */
    static <T, R> List<R> map(ExecutorService pool, TaskFunction<? super T, ? extends R> fn, List<? extends T> items,
                              int chunkSize) throws InterruptedException, ExecutionException {
        if (chunkSize < 1) {
            throw new IllegalArgumentException("chunk size must be at least 1, was " + chunkSize);
        }
        Objects.requireNonNull(fn, "fn");
        List<Future<ArrayList<R>>> futures = new ArrayList<>();
        for (int from = 0; from < items.size(); from += chunkSize) {
            ArrayList<T> chunk = new ArrayList<>(items.subList(from, Math.min(items.size(), from + chunkSize)));
            futures.add(pool.submit(new ChunkTask<T, R>(fn, chunk)));
        }
        return flatten(futures, items.size());
    }

    /** Applies a two-argument {@code fn} to the pairs in chunks of {@code chunkSize}. */
    static <A, B, R> List<R> starmap(ExecutorService pool, TaskBiFunction<? super A, ? super B, ? extends R> fn,
                                     List<? extends Map.Entry<? extends A, ? extends B>> pairs, int chunkSize)
            throws InterruptedException, ExecutionException {
        Objects.requireNonNull(fn, "fn");
        List<Future<ArrayList<R>>> futures = new ArrayList<>();
        for (int from = 0; from < pairs.size(); from += chunkSize) {
            int to = Math.min(pairs.size(), from + chunkSize);
            ArrayList<A> as = new ArrayList<>(to - from);
            ArrayList<B> bs = new ArrayList<>(to - from);
            for (Map.Entry<? extends A, ? extends B> e : pairs.subList(from, to)) {
                as.add(e.getKey());
                bs.add(e.getValue());
            }
            futures.add(pool.submit(new StarChunkTask<A, B, R>(fn, as, bs)));
        }
        return flatten(futures, pairs.size());
    }

    private static <R> List<R> flatten(List<Future<ArrayList<R>>> futures, int n)
            throws InterruptedException, ExecutionException {
        List<R> results = new ArrayList<>(n);
        try {
            for (Future<ArrayList<R>> f : futures) {
                results.addAll(f.get());
            }
            return results;
        } catch (InterruptedException | ExecutionException | RuntimeException e) {
            futures.forEach(f -> f.cancel(true));
            throw e;
        }
    }

    /** Applies a function to a chunk of items in a worker; results in order. */
    private record ChunkTask<T, R>(TaskFunction<? super T, ? extends R> fn, ArrayList<T> items)
            implements TaskCallable<ArrayList<R>> {
        @Override
        public ArrayList<R> call() throws Exception {
            ArrayList<R> out = new ArrayList<>(items.size());
            for (T item : items) {
                out.add(fn.apply(item));
            }
            return out;
        }

        /** Sends a chunk of Integers as an int[] (much cheaper to serialize than Integer objects). */
        private Object writeReplace() {
            int[] ints = packInts(items);
            return ints == null ? this : new PackedChunk<>(fn, ints);
        }
    }

    /** The serialized form of a chunk of Integers. */
    private record PackedChunk<R>(TaskFunction<?, ?> fn, int[] ints) implements Serializable {
        @SuppressWarnings("unchecked")
        private Object readResolve() {
            ArrayList<Object> items = new ArrayList<>(ints.length);
            for (int v : ints) {
                items.add(v);
            }
            return new ChunkTask<>((TaskFunction<Object, Object>) fn, items);
        }
    }

    /** Packs a list of Integers (no nulls) into an int[], or returns null. */
    private static int[] packInts(List<?> items) {
        int[] out = new int[items.size()];
        for (int i = 0; i < out.length; i++) {
            if (!(items.get(i) instanceof Integer v)) {
                return null;
            }
            out[i] = v;
        }
        return out;
    }

    /** Applies a two-argument function to a chunk of pairs in a worker. */
    private record StarChunkTask<A, B, R>(TaskBiFunction<? super A, ? super B, ? extends R> fn, ArrayList<A> as,
                                          ArrayList<B> bs) implements TaskCallable<ArrayList<R>> {
        @Override
        public ArrayList<R> call() throws Exception {
            ArrayList<R> out = new ArrayList<>(as.size());
            for (int i = 0; i < as.size(); i++) {
                out.add(fn.apply(as.get(i), bs.get(i)));
            }
            return out;
        }
    }
}
