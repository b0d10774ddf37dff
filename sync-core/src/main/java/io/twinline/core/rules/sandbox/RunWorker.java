package io.twinline.core.rules.sandbox;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * A thread that runs rules jobs handed over by {@link RunWorkers}, one at a time, and goes back to its pool after
 * each job it finished. A worker whose job was abandoned finishes nothing more: it is never handed another job.
 */
final class RunWorker implements Runnable {
    private static final long IDLE_NANOS = TimeUnit.SECONDS.toNanos(60);

    /** One job: what to run, who waits for it, and how it ended. */
    static final class Job {
        static final int RUNNING = 0;
        static final int DONE = 1;
        static final int ABANDONED = 2;

        final Supplier<?> body;
        final Thread caller;
        final ClassLoader contextLoader;
        final AtomicInteger state = new AtomicInteger(RUNNING);
        volatile boolean callerParked;
        volatile long number = -1;
        Object result;
        Throwable failure;

        Job(Supplier<?> body, Thread caller) {
            this.body = body;
            this.caller = caller;
            this.contextLoader = caller.getContextClassLoader();
        }

        boolean done() {
            return state.get() == DONE;
        }

        /** The caller gives up on the job; false when it has just finished after all. */
        boolean abandon() {
            return state.compareAndSet(RUNNING, ABANDONED);
        }
    }

    private final RunWorkers pool;
    final Thread thread;
    volatile RunGuard.RunState state;
    private volatile Job job;
    private volatile boolean parked;

    RunWorker(RunWorkers pool, String name) {
        this.pool = pool;
        // no inherited thread locals: the worker outlives the request thread that happened to create it
        this.thread = new Thread(null, this, name, 0, false);
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
        while (state == null) {
            Thread.onSpinWait(); // published first thing by run(): callers need it to ask for a stop
        }
    }

    /** Hands the worker its next job (it is idle: the caller took it from the pool). */
    void assign(Job next) {
        job = next;
        if (parked) {
            LockSupport.unpark(thread);
        }
    }

    @Override
    public void run() {
        state = RunGuard.current();
        for (;;) {
            Job next = awaitJob();
            if (next == null) {
                return; // idle too long: retired
            }
            Thread.interrupted(); // an interrupt meant for an earlier job is over
            thread.setContextClassLoader(next.contextLoader);
            next.number = state.beginJob();
            try {
                next.result = next.body.get();
            } catch (Throwable t) { // OutOfMemoryError and StackOverflowError included: the caller reports them
                next.failure = t;
            }
            job = null;
            if (!next.state.compareAndSet(Job.RUNNING, Job.DONE)) {
                return; // abandoned: its caller has gone, and this thread is not trusted with another job
            }
            if (next.callerParked) {
                LockSupport.unpark(next.caller);
            }
            pool.release(this);
        }
    }

    /**
     * Parks until the next job. (No busy-waiting: on a loaded machine a spinning thread takes the core the other
     * side of the hand-over needs; measured, a plain park/unpark pair was the cheapest hand-over there.)
     */
    private Job awaitJob() {
        long idleEnd = System.nanoTime() + IDLE_NANOS;
        for (;;) {
            Job next = job;
            if (next != null) {
                return next;
            }
            long now = System.nanoTime();
            if (now - idleEnd > 0 && pool.retire(this)) {
                return null;
            }
            parked = true;
            if (job == null) {
                LockSupport.parkNanos(this, Math.max(IDLE_NANOS / 4, 1));
            }
            parked = false;
        }
    }
}
