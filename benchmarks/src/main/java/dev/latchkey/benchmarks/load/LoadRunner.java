package dev.latchkey.benchmarks.load;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs one phase: {@code clients} threads, each calling its own {@link Step} in a loop, first for a warm-up that is
 * not recorded, then for at most {@code seconds} and at most {@code maxRequests} requests in all, whichever comes
 * first. Each call is timed with {@link System#nanoTime()}.
 */
final class LoadRunner {
    /** One client's request (or pair of requests): true when answered as expected. */
    @FunctionalInterface
    interface Step {
        boolean run() throws Exception;
    }

    /** Makes client {@code i}'s step (its own session, account or destinations). */
    @FunctionalInterface
    interface Clients {
        Step client(int i) throws Exception;
    }

    /** What the measured part gave. */
    record Outcome(Latencies latencies, long errors, double seconds) {
    }

    private LoadRunner() {
    }

    static Outcome run(Clients clients, int count, double warmupSeconds, double seconds, long maxRequests)
            throws Exception {
        List<Step> steps = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            steps.add(clients.client(i));
        }
        long warmupEnd = System.nanoTime() + (long) (warmupSeconds * 1e9);
        AtomicLong budget = new AtomicLong(maxRequests);
        AtomicLong errors = new AtomicLong();
        List<Latencies> parts = new ArrayList<>();
        CountDownLatch measuring = new CountDownLatch(count);
        long[] window = new long[2];
        List<Thread> threads = new ArrayList<>();
        Object lock = new Object();
        for (Step step : steps) {
            Latencies mine = new Latencies(4096);
            parts.add(mine);
            threads.add(new Thread(() -> {
                try {
                    while (System.nanoTime() < warmupEnd) {
                        step.run();
                    }
                    measuring.countDown();
                    measuring.await();
                    synchronized (lock) {
                        if (window[0] == 0) {
                            window[0] = System.nanoTime();
                            window[1] = window[0] + (long) (seconds * 1e9);
                        }
                    }
                    long end;
                    synchronized (lock) {
                        end = window[1];
                    }
                    while (System.nanoTime() < end && budget.getAndDecrement() > 0) {
                        long t0 = System.nanoTime();
                        boolean ok;
                        try {
                            ok = step.run();
                        } catch (Exception e) {
                            ok = false;
                        }
                        long t1 = System.nanoTime();
                        if (ok) {
                            mine.record(t1 - t0);
                        } else {
                            errors.incrementAndGet();
                        }
                    }
                } catch (Exception e) {
                    errors.incrementAndGet();
                    measuring.countDown();
                }
            }, "load-client"));
        }
        threads.forEach(Thread::start);
        for (Thread t : threads) {
            t.join();
        }
        // From the window's start to the answer of the last request sent within it.
        long stopped = System.nanoTime();
        double measured = window[0] == 0 ? 0 : (stopped - window[0]) / 1e9;
        return new Outcome(Latencies.merge(parts), errors.get(), measured);
    }
}
