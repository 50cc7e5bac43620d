/**
 * The process pool: worker JVMs started, fed, watched, recycled and replaced
 * by {@link dev.poolscope.process.ProcessWorkerPool}, the {@code process} kind
 * of the pool registry.
 *
 * <h2>Pieces</h2>
 * <ul>
 * <li>{@link dev.poolscope.process.ProcessWorkerPool}: the pool (parent side),
 *     a facade over the parts below.</li>
 * <li>{@code WorkerSupervisor}: the queue, the slots and what each worker
 *     holds, under one lock: sending, replies, replacement, wind-down;
 *     {@code WorkerDeaths} (a worker is gone: settle its tasks, replace or retire it),
 *     {@code HeldTasks} (cancel marks, deadlines, the drain of {@code shutdownNow}),
 *     {@code ReplySettler} (a worker's replies settle the tasks it holds first),
 *     {@code WorkerResizer} (the worker count changes),
 *     {@code PendingTasks} (the central queue of tasks not yet sent), {@code TaskAdmission}
 *     (how a submitted task enters), {@code WorkerSpawner} (starting workers, the handshake).</li>
 * <li>{@code DispatchPolicy}: pipeline depth by a service-time budget, which worker, when to flush.</li>
 * <li>{@code WorkerChannel}: one worker process, its streams, handshake and
 *     life-cycle phase (one enum, one transition method); {@code WorkerSlot}: a
 *     place in the pool across processes; {@code ChannelReader}: a channel's reader thread;
 *     {@code ChannelWriter}: its writes, outside the pool's lock (a stopped
 *     worker's full pipe blocks only that worker's writer thread).</li>
 * <li>{@code Watchdog}, {@code WorkerReaper}, {@code ChunkedMap}, {@code WorkerReports}:
 *     start and heartbeat limits, no worker outliving the JVM, bulk operations
 *     in chunks, snapshots and notes.</li>
 * <li>{@link dev.poolscope.process.WorkerMain}: the worker's main class. It
 *     never loads JavaFX, keeps its real standard output for frames only and
 *     gives tasks an empty {@code System.in}; its main thread reads requests,
 *     {@code TaskRunner} runs them on the task thread (cancel marks, batches),
 *     {@code WorkerOutput} writes frames and holds replies back within a batch,
 *     {@code Heartbeat} reports figures, {@code Handoff} carries requests from
 *     the reader to the task thread without locks.</li>
 * <li>{@code Frames}, {@code FrameBuffer}, {@code WireValues}, {@code TaskCodec},
 *     {@code RemoteFailures}: the protocol (length-prefixed binary frames,
 *     version 3; see {@code Frames} for the conversation) and how tasks,
 *     values and exceptions travel.</li>
 * <li>{@link dev.poolscope.process.SerialFilter}: the deserialization allow-lists
 *     (tasks; results and exceptions, narrower), with graph limits.</li>
 * <li>{@link dev.poolscope.process.RemoteTaskException},
 *     {@link dev.poolscope.process.WorkerCrashedException},
 *     {@link dev.poolscope.process.WorkerStartException}: what callers see
 *     when a task fails remotely, its worker dies, or workers cannot start.</li>
 * <li>{@code dev.poolscope.process.fault}: workloads that crash, exit, hang,
 *     spin, exhaust memory, print noise or return big results; they refuse to
 *     run outside a worker process.</li>
 * </ul>
 *
 * <h2>Start-up choices (measured)</h2>
 * Worker JVMs get {@code -XX:+UseSerialGC -Xss512k -XX:-UsePerfData -Xmx256m}
 * ({@link dev.poolscope.process.ProcessPoolSettings#TUNED_JVM_OPTIONS}) and,
 * when the class path is made of jars only (the packaged app), a JDK 25
 * ahead-of-time cache ({@code -XX:AOTCache}; an AppCDS archive on JDK 21-24)
 * recorded by the first worker that exits normally and kept in the temp
 * folder, keyed by the JVM, the class path and the worker options. Start to
 * handshake measured about 40 ms with the AOT cache, 45-55 ms with AppCDS and
 * 55-65 ms with neither (the packaged jar holds 8,000 entries; with a cache
 * the JVM does not read it at start-up). JVM logging goes to standard error. {@code -XX:TieredStopAtLevel=1}
 * starts workers a little faster but made the {@code cpu} workload about 10%
 * slower per task, so it is not a default (pass it with
 * {@code --worker-jvm-option} for short-lived workers). The figures measured on
 * the 2-core build machine are in the branch's closing note; they moved several-fold
 * with the machine's load.
 *
 * <h2>Known costs</h2>
 * A task that calls {@code Runtime.halt} or {@code System.exit} (the {@code crash}
 * and {@code exit} workloads) takes about 300 ms to end its JVM: HotSpot waits up to
 * 300 ms at exit for threads in native code, and the worker's channel reader is
 * always blocked in a native read. A worker killed by the pool (timeout,
 * freeze, protocol error, kill button) dies at once. A replacement worker's first
 * workload task also pays for loading the workload catalogue (about 100 ms) unless
 * the worker had idle time after its handshake.
 */
package dev.poolscope.process;
