package io.parley.db;

import io.parley.web.ApiException;
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
 * Runs small write transactions from many request threads as one database transaction, so
 * concurrent senders share one commit (and one write to the database file) instead of queueing
 * for one each. Each unit of work runs inside its own savepoint: one that fails is rolled back
 * alone and its caller gets its exception; the others commit. A caller returns only after the
 * commit that holds its work, so "returned" still means "committed".
 */
public final class GroupCommit implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(GroupCommit.class);
    private static final int MAX_BATCH = 256;
    /** A caller never waits longer than this for its commit; it then gets a 503 (the writer may be stuck on a lock). */
    private static final long MAX_WAIT_SECONDS = 30;

    /** One unit of work: the statements of one request, on the shared handle. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Handle handle);
    }

    private record Task<T>(Work<T> work, CompletableFuture<T> done) {
    }

    private final Jdbi jdbi;
    private final BlockingQueue<Task<?>> queue = new ArrayBlockingQueue<>(16_384);
    private final Thread writer;
    private volatile boolean running = true;

    public GroupCommit(Jdbi jdbi) {
        this.jdbi = jdbi;
        this.writer = new Thread(this::writeLoop, "parley-group-commit");
        writer.setDaemon(true);
        writer.start();
    }

    /** Runs {@code work} in the next shared transaction and waits until that transaction has committed. */
    public <T> T run(Work<T> work) {
        var task = new Task<>(work, new CompletableFuture<T>());
        if (!running || !queue.offer(task)) {
            throw ApiException.unavailable(running ? "too many writes queued, nothing was saved: retry shortly"
                    : "the server is shutting down, nothing was saved");
        }
        try {
            return task.done().get(MAX_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            // if the writer has not reached it yet, it never will; if it has, the write may still land
            task.done().cancel(false);
            throw ApiException.unavailable("the database did not confirm the write in time: retry shortly");
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

    private void writeLoop() {
        List<Task<?>> batch = new ArrayList<>(MAX_BATCH);
        while (running || !queue.isEmpty()) {
            try {
                Task<?> first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, MAX_BATCH - 1);
                commit(batch);
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

    private void commit(List<Task<?>> batch) {
        List<Runnable> outcomes = new ArrayList<>(batch.size());
        try (Handle handle = jdbi.open()) {
            handle.begin();
            for (int i = 0; i < batch.size(); i++) {
                outcomes.add(runInSavepoint(handle, batch.get(i), "w" + i));
            }
            handle.commit();
        } catch (RuntimeException commitFailed) {
            // nothing of this batch is in the database: every caller hears why
            batch.forEach(task -> task.done().completeExceptionally(commitFailed));
            return;
        }
        outcomes.forEach(Runnable::run);
    }

    /** Runs one task; returns how to complete its caller once the batch has committed. */
    private static <T> Runnable runInSavepoint(Handle handle, Task<T> task, String savepoint) {
        if (task.done().isCancelled()) { // its caller gave up waiting: do not write behind its back
            return () -> { };
        }
        handle.savepoint(savepoint);
        try {
            T result = task.work().run(handle);
            handle.releaseSavepoint(savepoint);
            return () -> task.done().complete(result);
        } catch (RuntimeException failed) {
            handle.rollbackToSavepoint(savepoint);
            return () -> task.done().completeExceptionally(failed);
        }
    }

    /** Finishes what is queued, then stops taking work. */
    @Override
    public void close() {
        running = false;
        try {
            writer.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
