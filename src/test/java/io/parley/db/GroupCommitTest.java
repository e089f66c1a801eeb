package io.parley.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.errors.BadRequest;
import io.parley.support.Wait;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The batching writer on a real H2 file database: what one item does to the others in its batch. */
@Tag("h2-only") // the writer's batching on its own, on an H2 file; the API tests cover it on PostgreSQL
class GroupCommitTest {
    @TempDir
    Path dir;

    private Jdbi jdbi;
    private final CountDownLatch release = new CountDownLatch(1);
    private final List<Integer> batchSizes = new CopyOnWriteArrayList<>();
    private GroupCommit<String, String> writes;
    private final ExecutorService callers = Executors.newCachedThreadPool();

    @BeforeEach
    void setUp() {
        jdbi = Jdbi.create("jdbc:h2:file:" + dir.resolve("db") + ";WRITE_DELAY=0");
        jdbi.useHandle(h -> h.execute("CREATE TABLE items (name VARCHAR(20) PRIMARY KEY)"));
        writes = new GroupCommit<>(jdbi, this::write);
    }

    @AfterEach
    void tearDown() {
        callers.shutdownNow();
        writes.close();
    }

    /** "hold" keeps the writer busy until released; "refuse" is refused; "too-long-for-the-column" breaks the statement. */
    private List<GroupCommit.Outcome<String>> write(Handle tx, List<String> items) {
        batchSizes.add(items.size());
        List<GroupCommit.Outcome<String>> outcomes = new ArrayList<>();
        for (String item : items) {
            if (item.equals("hold")) {
                await(release);
            }
            if (item.equals("refuse")) {
                outcomes.add(GroupCommit.Outcome.refused(new BadRequest("refused")));
                continue;
            }
            tx.execute("INSERT INTO items (name) VALUES (?)", item);
            outcomes.add(GroupCommit.Outcome.written("stored " + item));
        }
        return outcomes;
    }

    @Test
    void a_failing_item_fails_alone_and_its_batch_neighbours_commit() throws Exception {
        Future<String> hold = submit("hold");
        Wait.until("the writer takes the first item", () -> batchSizes.size() == 1);
        List<String> names = List.of("a", "b", "refuse", "too-long-for-the-column", "c", "d");
        List<Future<String>> results = new ArrayList<>();
        for (String name : names) {
            results.add(submit(name));
        }
        Wait.until("the six callers have queued their items", () -> writes.queued() == names.size());
        release.countDown();

        assertEquals("stored hold", hold.get(10, TimeUnit.SECONDS));
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            Future<String> result = results.get(i);
            if (name.equals("refuse")) {
                var e = assertThrows(Exception.class, () -> result.get(10, TimeUnit.SECONDS));
                assertTrue(e.getCause() instanceof BadRequest, e.toString());
            } else if (name.startsWith("too-long")) {
                assertThrows(Exception.class, () -> result.get(10, TimeUnit.SECONDS));
            } else {
                assertEquals("stored " + name, result.get(10, TimeUnit.SECONDS));
            }
        }
        assertEquals(
                Set.of("hold", "a", "b", "c", "d"),
                Set.copyOf(jdbi.withHandle(h -> h.createQuery("SELECT name FROM items")
                        .mapTo(String.class)
                        .list())));
        // the six queued behind "hold" were first written as one batch, then one by one after it failed
        assertEquals(List.of(1, 6, 1, 1, 1, 1, 1, 1), batchSizes);
    }

    @Test
    void a_caller_is_answered_only_after_the_commit_that_holds_its_item() throws Exception {
        release.countDown();
        assertEquals("stored x", writes.write("x"));
        // a fresh connection sees it: committed, not merely written in an open transaction
        assertEquals(
                Integer.valueOf(1),
                Jdbi.create("jdbc:h2:file:" + dir.resolve("db"))
                        .withHandle(h -> h.createQuery("SELECT COUNT(*) FROM items WHERE name = 'x'")
                                .mapTo(Integer.class)
                                .one()));
    }

    @Test
    void many_concurrent_callers_all_return_committed_and_the_totals_count_each_once() throws Exception {
        release.countDown();
        List<Future<String>> results = new ArrayList<>();
        for (int t = 0; t < 16; t++) {
            int thread = t;
            results.add(callers.submit(() -> {
                for (int i = 0; i < 50; i++) {
                    writes.write("t" + thread + "-" + i);
                }
                return "done";
            }));
        }
        for (Future<String> result : results) {
            assertEquals("done", result.get(60, TimeUnit.SECONDS));
        }
        assertEquals(
                Integer.valueOf(800),
                jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM items")
                        .mapTo(Integer.class)
                        .one()));
        GroupCommit.Totals totals = writes.totals();
        assertEquals(800, totals.items());
        assertEquals(batchSizes.size(), totals.commits());
        assertEquals(800, batchSizes.stream().mapToInt(Integer::intValue).sum());
        assertTrue(totals.nanos() > 0 && totals.cpuNanos() > 0, totals.toString());
    }

    private Future<String> submit(String item) {
        return callers.submit(() -> writes.write(item));
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
