package dev.latchkey.auth.testkit.contract;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntPredicate;

/**
 * Runs calls on as many threads at once, released together by a start gate, and counts how many returned true: the
 * shape of every "exactly one winner" test. A call that throws fails the count with its exception.
 */
public final class Concurrently {
    private static final long TIMEOUT_SECONDS = 60;

    private Concurrently() {
    }

    /**
     * Runs {@code call} for 0 to {@code calls - 1}, each on its own thread, all released at once; returns how many
     * returned true. Waits at most 60 seconds for each call.
     *
     * @throws java.util.concurrent.ExecutionException wrapping the first exception a call threw
     */
    public static long countTrue(int calls, IntPredicate call) throws Exception {
        if (calls < 1) {
            throw new IllegalArgumentException("calls must be at least 1");
        }
        ExecutorService executor = Executors.newFixedThreadPool(calls);
        try {
            CountDownLatch ready = new CountDownLatch(calls);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < calls; i++) {
                int index = i;
                results.add(executor.submit(() -> {
                    ready.countDown();
                    start.await();
                    return call.test(index);
                }));
            }
            ready.await();
            start.countDown();
            long wins = 0;
            for (Future<Boolean> result : results) {
                if (result.get(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    wins++;
                }
            }
            return wins;
        } finally {
            executor.shutdownNow();
        }
    }
}
