package io.parley.db;

import io.parley.errors.Unavailable;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the writes of many request threads as one database transaction, so concurrent senders
 * share one commit (and one write to the database file) instead of queueing for one each. The
 * {@link BatchWriter} sees the whole batch at once and writes it with a few batched statements
 * rather than a few statements per item. A caller returns only after the commit that holds its
 * item, so "returned" still means "committed".
 *
 * <p>There is no writer thread: a caller that finds nobody committing becomes the leader, takes
 * everything queued (its own item included) and commits it on its own thread; callers that arrive
 * meanwhile queue and wait, and when the leader is done one of them leads the next batch. An
 * uncontended write therefore commits with no hand-over between threads at all, which on a busy
 * machine is worth more than the commit itself (docs/performance.md); under load the batches grow
 * exactly as they did with a dedicated writer.
 */
public final class GroupCommit<I, O> implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(GroupCommit.class);
    private static final int MAX_BATCH = 256;
    private static final int MAX_QUEUED = 16_384;
    /** A caller never waits longer than this for its commit; it then gets a 503 (the leader may be stuck on a lock). */
    private static final long MAX_WAIT_NANOS = TimeUnit.SECONDS.toNanos(30);

    /**
     * Writes a batch inside an open transaction and returns one outcome per item, in order. An
     * item it refuses must leave nothing written; if it throws, the transaction is rolled back and
     * each item is tried again alone, so one bad item cannot fail its neighbours.
     */
    @FunctionalInterface
    public interface BatchWriter<I, O> {
        List<Outcome<O>> write(Handle tx, List<I> items);
    }

    /** What became of one item: its result, or why it was refused. */
    public record Outcome<O>(O value, RuntimeException refusal) {
        public static <O> Outcome<O> written(O value) {
            return new Outcome<>(value, null);
        }

        public static <O> Outcome<O> refused(RuntimeException why) {
            return new Outcome<>(null, why);
        }
    }

    /**
     * Commits so far: transactions, items in them, the wall-clock time spent inside them, and the
     * CPU time the committing threads used there (the wall clock also counts waiting for a core).
     */
    public record Totals(long commits, long items, long nanos, long cpuNanos) {}

    private record Task<I, O>(I item, CompletableFuture<O> done) {}

    private final Jdbi jdbi;
    private final BatchWriter<I, O> writer;
    /** Guards {@link #queue}, {@link #leading} and {@link #running}; waited on by callers whose item is queued. */
    private final Object monitor = new Object();

    private final ArrayDeque<Task<I, O>> queue = new ArrayDeque<>();
    private boolean leading;
    private boolean running = true;
    private final LongAdder commits = new LongAdder();
    private final LongAdder items = new LongAdder();
    private final LongAdder commitNanos = new LongAdder();
    private final LongAdder commitCpuNanos = new LongAdder();
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    public GroupCommit(Jdbi jdbi, BatchWriter<I, O> writer) {
        this.jdbi = jdbi;
        this.writer = writer;
    }

    /** Writes {@code item} in the next shared transaction and returns once that transaction has committed. */
    public O write(I item) {
        var task = new Task<>(item, new CompletableFuture<O>());
        synchronized (monitor) {
            if (!running || queue.size() >= MAX_QUEUED) {
                throw new Unavailable(
                        running
                                ? "too many writes queued, nothing was saved: retry shortly"
                                : "the server is shutting down, nothing was saved");
            }
            queue.add(task);
        }
        long deadline = System.nanoTime() + MAX_WAIT_NANOS;
        while (!task.done().isDone()) {
            List<Task<I, O>> batch = leadOrWait(task, deadline);
            if (!batch.isEmpty()) {
                try {
                    commitBatch(batch);
                } finally {
                    synchronized (monitor) {
                        leading = false;
                        monitor.notifyAll();
                    }
                }
            }
        }
        return outcome(task);
    }

    /**
     * Waits while someone else leads; returns the batch to commit when this caller becomes the
     * leader, or an empty list once its item is done.
     */
    private List<Task<I, O>> leadOrWait(Task<I, O> task, long deadline) {
        synchronized (monitor) {
            while (leading && !task.done().isDone()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    // still queued: it will never be written; taken by a leader: it may still land
                    queue.remove(task);
                    throw new Unavailable("the database did not confirm the write in time: retry shortly");
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(monitor, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    queue.remove(task);
                    throw new IllegalStateException("interrupted while waiting for the commit", e);
                }
            }
            if (task.done().isDone()) {
                return List.of();
            }
            if (queue.isEmpty()) { // cannot happen: a leader completes every task it took before it steps down
                throw new IllegalStateException("a write was taken from the queue and never completed");
            }
            leading = true;
            List<Task<I, O>> batch = new ArrayList<>(Math.min(queue.size(), MAX_BATCH));
            while (!queue.isEmpty() && batch.size() < MAX_BATCH) {
                batch.add(queue.poll());
            }
            return batch;
        }
    }

    private O outcome(Task<I, O> task) {
        try {
            return task.done().join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Items waiting for a leader to take them (not those in the batch being written). */
    int queued() {
        synchronized (monitor) {
            return queue.size();
        }
    }

    public Totals totals() {
        return new Totals(commits.sum(), items.sum(), commitNanos.sum(), commitCpuNanos.sum());
    }

    /**
     * Commits one batch on the caller's thread. An interrupt is held back meanwhile: H2's file
     * channel closes itself when its thread is interrupted mid-write, which would take the whole
     * database down with one request.
     */
    private void commitBatch(List<Task<I, O>> batch) {
        boolean interrupted = Thread.interrupted();
        try {
            commit(batch);
        } catch (RuntimeException batchFailed) {
            // nothing of the batch is in the database; its callers' requests log and map the error
            if (batch.size() > 1 || DatabaseTrouble.isConflict(batchFailed)) {
                commitEachAlone(batch);
            } else {
                batch.get(0).done().completeExceptionally(batchFailed);
            }
        } catch (Throwable e) { // even an Error must not leave callers waiting
            log.error("group commit failed: {}", DatabaseTrouble.describe(e));
            batch.forEach(task -> task.done().completeExceptionally(e));
        } finally {
            for (Task<I, O> task : batch) { // whatever escaped above, no caller is left waiting forever
                task.done().completeExceptionally(new IllegalStateException("the commit ended without an outcome"));
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * After a batch failed: one transaction per item, so only the item that caused it fails. An
     * item that conflicts with another node's concurrent write (both created the same row) gets a
     * second try, which sees the other node's committed row.
     */
    private void commitEachAlone(List<Task<I, O>> batch) {
        for (Task<I, O> task : batch) {
            try {
                commit(List.of(task));
            } catch (RuntimeException failed) {
                if (DatabaseTrouble.isConflict(failed)) {
                    commitAgain(task);
                } else {
                    task.done().completeExceptionally(failed);
                }
            }
        }
    }

    private void commitAgain(Task<I, O> task) {
        try {
            commit(List.of(task));
        } catch (RuntimeException failedAgain) {
            task.done().completeExceptionally(failedAgain);
        }
    }

    /** One transaction for the whole batch; callers are told only once it has committed. */
    private void commit(List<Task<I, O>> batch) {
        long started = System.nanoTime();
        long cpuStarted = THREADS.getCurrentThreadCpuTime();
        List<I> items = batch.stream().map(Task::item).toList();
        List<Outcome<O>> outcomes = jdbi.inTransaction(tx -> {
            List<Outcome<O>> written = writer.write(tx, items);
            if (written.size() != items.size()) {
                throw new IllegalStateException(
                        "the writer returned " + written.size() + " outcomes for " + items.size() + " items");
            }
            return written;
        });
        commitNanos.add(System.nanoTime() - started);
        commitCpuNanos.add(THREADS.getCurrentThreadCpuTime() - cpuStarted);
        commits.increment();
        this.items.add(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            Outcome<O> outcome = outcomes.get(i);
            if (outcome.refusal() == null) {
                batch.get(i).done().complete(outcome.value());
            } else {
                batch.get(i).done().completeExceptionally(outcome.refusal());
            }
        }
    }

    /** Refuses new writes and waits (up to 10 s) until those already queued are committed. */
    @Override
    public void close() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        synchronized (monitor) {
            running = false;
            while ((leading || !queue.isEmpty()) && System.nanoTime() < deadline) {
                try {
                    monitor.wait(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
