package io.parley.db;

import io.parley.errors.Unavailable;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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
 */
public final class GroupCommit<I, O> implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(GroupCommit.class);
    private static final int MAX_BATCH = 256;
    /** A caller never waits longer than this for its commit; it then gets a 503 (the writer may be stuck on a lock). */
    private static final long MAX_WAIT_SECONDS = 30;

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

    private record Task<I, O>(I item, CompletableFuture<O> done) {}

    private final Jdbi jdbi;
    private final BatchWriter<I, O> writer;
    private final BlockingQueue<Task<I, O>> queue = new ArrayBlockingQueue<>(16_384);
    private final Thread thread;
    private volatile boolean running = true;

    public GroupCommit(Jdbi jdbi, String name, BatchWriter<I, O> writer) {
        this.jdbi = jdbi;
        this.writer = writer;
        this.thread = new Thread(this::writeLoop, "parley-group-commit-" + name);
        thread.setDaemon(true);
        thread.start();
    }

    /** Writes {@code item} in the next shared transaction and waits until that transaction has committed. */
    public O write(I item) {
        var task = new Task<>(item, new CompletableFuture<O>());
        if (!running || !queue.offer(task)) {
            throw new Unavailable(
                    running
                            ? "too many writes queued, nothing was saved: retry shortly"
                            : "the server is shutting down, nothing was saved");
        }
        try {
            return task.done().get(MAX_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            // if the writer has not reached it yet, it never will; if it has, the write may still land
            task.done().cancel(false);
            throw new Unavailable("the database did not confirm the write in time: retry shortly");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the commit", e);
        }
    }

    /** Items waiting for the writer to take them (not those in the batch being written). */
    int queued() {
        return queue.size();
    }

    private void writeLoop() {
        List<Task<I, O>> batch = new ArrayList<>(MAX_BATCH);
        while (running || !queue.isEmpty()) {
            try {
                Task<I, O> first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, MAX_BATCH - 1);
                // a caller that gave up waiting has been told nothing was saved: do not write behind its back
                batch.removeIf(task -> task.done().isCancelled());
                if (batch.isEmpty()) {
                    continue;
                }
                try {
                    commit(batch);
                } catch (RuntimeException batchFailed) {
                    // nothing of the batch is in the database; its callers' requests log and map the error
                    if (batch.size() == 1) {
                        batch.get(0).done().completeExceptionally(batchFailed);
                    } else {
                        commitEachAlone(batch);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Throwable e) { // even an Error must not leave callers waiting or stop the writer
                log.error("group commit failed: {}", DatabaseTrouble.describe(e));
                batch.forEach(task -> task.done().completeExceptionally(e));
            } finally {
                batch.clear();
            }
        }
    }

    /** After a batch failed: one transaction per item, so only the item that caused it fails. */
    private void commitEachAlone(List<Task<I, O>> batch) {
        for (Task<I, O> task : batch) {
            try {
                commit(List.of(task));
            } catch (RuntimeException failed) {
                task.done().completeExceptionally(failed);
            }
        }
    }

    /** One transaction for the whole batch; callers are told only once it has committed. */
    private void commit(List<Task<I, O>> batch) {
        List<I> items = batch.stream().map(Task::item).toList();
        List<Outcome<O>> outcomes = jdbi.inTransaction(tx -> {
            List<Outcome<O>> written = writer.write(tx, items);
            if (written.size() != items.size()) {
                throw new IllegalStateException(
                        "the writer returned " + written.size() + " outcomes for " + items.size() + " items");
            }
            return written;
        });
        for (int i = 0; i < batch.size(); i++) {
            Outcome<O> outcome = outcomes.get(i);
            if (outcome.refusal() == null) {
                batch.get(i).done().complete(outcome.value());
            } else {
                batch.get(i).done().completeExceptionally(outcome.refusal());
            }
        }
    }

    /** Finishes what is queued, then stops taking work. */
    @Override
    public void close() {
        running = false;
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
