package dev.latchkey.auth.jdbc;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntPredicate;

/** Runs calls on as many threads, released together by a start gate, and reports each call's result. */
final class Concurrently {
    private static final long TIMEOUT_SECONDS = 60;

    private Concurrently() {
    }

    /** Runs {@code call} for 0 to {@code calls - 1}, all at once; returns how many returned true. */
    static long countTrue(int calls, IntPredicate call) throws Exception {
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
