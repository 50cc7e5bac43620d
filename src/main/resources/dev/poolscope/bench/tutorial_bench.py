#!/usr/bin/env python3
"""The tutorial's Python stack on PoolScope's benchmark work, for `poolscope bench`.

The tutorial ("Python 性能優化進階", 並發優化) builds its thread pool optimizer on
concurrent.futures.ThreadPoolExecutor (map_tasks: one submit per item, then the
results through as_completed) and its process pool optimizer on
multiprocessing.Pool (map_tasks: pool.map(func, items), the default chunksize).
This script times exactly those calls, plus pool.map with chunksize=1 (one
message per item, what a per-task process pool does), on two tasks:

  noop  returns its argument
  cpu   counts the primes below SIZE by trial division (the same algorithm as
        PoolScope's `cpu` workload, so both sides do the same work)

The pools are created before timing starts, as the tutorial creates them in
__init__. Prints one JSON document on stdout:
  {"python": ..., "startMethod": ..., "workers": N,
   "results": [{"runner", "task", "perSecond", "tasks", "chunksize", "seconds"}]}
"""
import argparse
import concurrent.futures
import json
import multiprocessing
import platform
import sys
import time


def noop(item):
    return item


def count_primes(n):
    count = 0
    for i in range(2, n):
        if i < 4:
            count += 1
            continue
        if i & 1 == 0:
            continue
        d = 3
        prime = True
        while d * d <= i:
            if i % d == 0:
                prime = False
                break
            d += 2
        if prime:
            count += 1
    return count


CPU_SIZE = 20000


def cpu(item):
    return count_primes(CPU_SIZE)


def _init_worker(size):
    global CPU_SIZE
    CPU_SIZE = size


def default_chunksize(items, workers):
    # what Pool.map computes when chunksize is None
    chunksize, extra = divmod(items, workers * 4)
    return chunksize + 1 if extra else chunksize


def time_thread_pool(workers, func, n):
    """ThreadPoolOptimizer.map_tasks: submit every item, collect via as_completed."""
    with concurrent.futures.ThreadPoolExecutor(max_workers=workers) as executor:
        executor.submit(noop, 0).result()  # threads exist before timing
        items = list(range(n))
        t0 = time.perf_counter()
        futures = [executor.submit(func, item) for item in items]
        results = [f.result() for f in concurrent.futures.as_completed(futures)]
        seconds = time.perf_counter() - t0
    assert len(results) == n
    return seconds


def time_process_pool(workers, func, n, chunksize, size):
    """ProcessPoolOptimizer.map_tasks: pool.map(func, items[, chunksize])."""
    with multiprocessing.Pool(processes=workers, initializer=_init_worker, initargs=(size,)) as pool:
        pool.map(noop, range(workers * 4), chunksize=1)  # workers started before timing
        items = list(range(n))
        t0 = time.perf_counter()
        results = pool.map(func, items, chunksize=chunksize)
        seconds = time.perf_counter() - t0
    assert len(results) == n
    return seconds


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--workers", type=int, default=2)
    p.add_argument("--noop-tasks", type=int, default=100000)
    p.add_argument("--map-items", type=int, default=100000)
    p.add_argument("--cpu-tasks", type=int, default=200)
    p.add_argument("--cpu-size", type=int, default=20000)
    a = p.parse_args(argv)
    _init_worker(a.cpu_size)
    results = []

    def add(runner, task, n, chunksize, seconds):
        results.append({"runner": runner, "task": task, "perSecond": n / seconds, "tasks": n,
                        "chunksize": chunksize, "seconds": seconds})

    w = a.workers
    add("ThreadPoolExecutor", "noop", a.noop_tasks, None, time_thread_pool(w, noop, a.noop_tasks))
    add("Pool.map chunksize=1", "noop", a.noop_tasks, 1, time_process_pool(w, noop, a.noop_tasks, 1, a.cpu_size))
    cs = default_chunksize(a.map_items, w)
    add("Pool.map default chunksize", "noop", a.map_items, cs,
        time_process_pool(w, noop, a.map_items, None, a.cpu_size))
    add("ThreadPoolExecutor", "cpu", a.cpu_tasks, None, time_thread_pool(w, cpu, a.cpu_tasks))
    add("Pool.map chunksize=1", "cpu", a.cpu_tasks, 1, time_process_pool(w, cpu, a.cpu_tasks, 1, a.cpu_size))
    add("Pool.map default chunksize", "cpu", a.cpu_tasks, default_chunksize(a.cpu_tasks, w),
        time_process_pool(w, cpu, a.cpu_tasks, None, a.cpu_size))
    json.dump({"python": platform.python_implementation() + " " + platform.python_version(),
               "startMethod": multiprocessing.get_start_method(), "workers": w,
               "cpuSize": a.cpu_size, "results": results}, sys.stdout)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
