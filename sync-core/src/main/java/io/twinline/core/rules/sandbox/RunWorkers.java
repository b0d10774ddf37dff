package io.twinline.core.rules.sandbox;

import org.jboss.logging.Logger;

import java.lang.management.ManagementFactory;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * Runs each rules compile and run on a worker thread the caller waits for, so that a run can be stopped whatever it
 * is doing and the caller (the agent's engine lock, a connection-service request thread) is free again in time.
 *
 * <p>The caller waits until the job is done, or until its hard time bound, watching the worker's allocation on the
 * way. Past the bound (or over the allocation budget, or when the caller is interrupted) the job is first asked to
 * stop at its next deadline check; if it has not stopped a grace later it is <em>abandoned</em>: the caller gets
 * {@link Abandoned} at once, the worker is interrupted, never used again and, as the last resort, stopped with
 * {@code Thread.stop()} (which still works on JDK 17–19; where it throws the thread is left to finish on its own).
 * Healthy workers are reused, so a run costs a hand-over between two threads, not a new thread.
 */
public final class RunWorkers {
    private static final Logger LOG = Logger.getLogger(RunWorkers.class);
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
    private static final com.sun.management.ThreadMXBean THREADS = threads();
    private static final ScheduledExecutorService REAPER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "twinline-rules-reaper");
        t.setDaemon(true);
        return t;
    });
    private static final int STOP_ATTEMPTS = 20;

    /** The caller gave up on a job that did not stop by itself; {@link #trace()} is where the worker was. */
    public static final class Abandoned extends RuntimeException {
        private final RunGuard.StopRequest reason;
        private final transient StackTraceElement[] trace;

        Abandoned(RunGuard.StopRequest reason, StackTraceElement[] trace) {
            super("abandoned: " + reason, null, false, false);
            this.reason = reason;
            this.trace = trace;
        }

        /** ABANDONED: past the time bound; MEMORY: over the allocation budget; INTERRUPTED: the caller was. */
        public RunGuard.StopRequest reason() {
            return reason;
        }

        public StackTraceElement[] trace() {
            return trace;
        }
    }

    private final String name;
    private final ConcurrentLinkedDeque<RunWorker> idle = new ConcurrentLinkedDeque<>();
    private final AtomicInteger created = new AtomicInteger();
    private final AtomicInteger abandoned = new AtomicInteger();

    public RunWorkers(String name) {
        this.name = name;
    }

    /** How many jobs were abandoned so far (their workers were stopped or left to finish). */
    public int abandonedJobs() {
        return abandoned.get();
    }

    /**
     * Runs {@code body} on a worker and returns what it returned (or throws what it threw).
     *
     * @param hardNanos        when to give up on the job, from now (its own deadline check fires earlier)
     * @param allocationBudget bytes the job may allocate (0: not watched)
     * @param graceNanos       how long a job asked to stop may take to stop by itself
     * @throws Abandoned when the job did not stop in time; the worker is left behind
     */
    @SuppressWarnings("unchecked")
    public <T> T call(Supplier<T> body, long hardNanos, long allocationBudget, long graceNanos) {
        RunWorker worker = acquire();
        RunWorker.Job job = new RunWorker.Job(body, Thread.currentThread());
        long start = System.nanoTime();
        worker.assign(job);
        long hard = start + hardNanos;
        long allocationStart = -1;
        RunGuard.StopRequest requested = null;
        long stopBy = Long.MAX_VALUE;
        boolean interrupted = false;
        boolean extended = false;
        while (!job.done()) {
            long now = System.nanoTime();
            if (Thread.interrupted()) {
                interrupted = true;
                if (requested == null) {
                    requested = RunGuard.StopRequest.INTERRUPTED;
                    stopBy = now + graceNanos;
                    worker.state.requestStop(job.number, requested, allocationBudget);
                    worker.thread.interrupt();
                }
            }
            if (allocationBudget > 0 && THREADS != null && requested == null && now - start > POLL_NANOS / 2) {
                long allocated = THREADS.getThreadAllocatedBytes(worker.thread.getId());
                if (allocationStart < 0) {
                    allocationStart = allocated; // from the first poll: what the first milliseconds took is not counted
                } else if (allocated - allocationStart > allocationBudget) {
                    requested = RunGuard.StopRequest.MEMORY;
                    stopBy = now + Math.min(graceNanos, TimeUnit.MILLISECONDS.toNanos(50));
                    worker.state.requestStop(job.number, requested, allocationBudget);
                }
            }
            if ((now - hard >= 0 || now - stopBy >= 0) && !extended && job.number >= 0 && !worker.state.inScript) {
                // the run has left the script and is only building its result or error (slowly: a busy machine)
                extended = true;
                hard = now + graceNanos;
                stopBy = Math.min(stopBy, hard);
                continue;
            }
            if (now - hard >= 0 || now - stopBy >= 0) {
                RunGuard.StopRequest reason = requested == null ? RunGuard.StopRequest.ABANDONED : requested;
                StackTraceElement[] where = worker.thread.getStackTrace();
                if (abandon(worker, job, reason)) {
                    if (interrupted) {
                        Thread.currentThread().interrupt();
                    }
                    throw new Abandoned(reason, where);
                }
                continue; // it finished just now
            }
            job.callerParked = true;
            if (!job.done()) {
                LockSupport.parkNanos(this, Math.max(1, Math.min(POLL_NANOS, Math.min(hard, stopBy) - now)));
            }
            job.callerParked = false;
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (job.failure instanceof RuntimeException e) {
            throw e;
        }
        if (job.failure instanceof Error e) {
            throw e;
        }
        if (job.failure != null) {
            throw new IllegalStateException(job.failure);
        }
        return (T) job.result;
    }

    private boolean abandon(RunWorker worker, RunWorker.Job job, RunGuard.StopRequest reason) {
        if (!job.abandon()) {
            return false;
        }
        abandoned.incrementAndGet();
        worker.state.requestStop(job.number, RunGuard.StopRequest.ABANDONED, 0);
        worker.thread.interrupt();
        // off the caller's path (it is free now), and a moment later: a thread blocked in I/O (a tracker call of the
        // catalogue) ends cleanly on the interrupt, and stop() is kept for code that ignores it
        REAPER.schedule(() -> {
            LOG.warnf("%s: a rules job did not stop by itself (%s): its thread %s is abandoned", name, reason, worker.thread.getName());
            stop(worker.thread, STOP_ATTEMPTS);
        }, 100, TimeUnit.MILLISECONDS);
        return true;
    }

    /**
     * The last resort on an abandoned worker: {@code Thread.stop()}, repeated while the thread lives (a script may
     * catch ThreadDeath once), but never while it initialises a class, which would leave the class unusable.
     */
    @SuppressWarnings({"deprecation", "removal"})
    private static void stop(Thread thread, int attemptsLeft) {
        if (!thread.isAlive()) {
            return;
        }
        boolean inClassInit = false;
        for (StackTraceElement e : thread.getStackTrace()) {
            if (e.getMethodName().equals("<clinit>")) {
                inClassInit = true;
                break;
            }
        }
        if (!inClassInit) {
            try {
                thread.stop();
            } catch (UnsupportedOperationException e) {
                LOG.warnf("thread %s cannot be stopped on this JDK: it is left to finish on its own", thread.getName());
                return;
            }
        }
        if (attemptsLeft > 1) {
            REAPER.schedule(() -> stop(thread, attemptsLeft - 1), 100, TimeUnit.MILLISECONDS);
        } else if (thread.isAlive()) {
            LOG.warnf("thread %s did not stop: it is left to finish on its own", thread.getName());
        }
    }

    private RunWorker acquire() {
        RunWorker worker = idle.pollFirst();
        if (worker != null) {
            return worker;
        }
        RunWorker fresh = new RunWorker(this, name + "-" + created.incrementAndGet());
        fresh.start();
        return fresh;
    }

    void release(RunWorker worker) {
        idle.offerFirst(worker); // last in, first out: the warmest worker goes first, idle ones retire
    }

    /** An idle worker retires; false when a caller has just taken it. */
    boolean retire(RunWorker worker) {
        return idle.remove(worker);
    }

    private static com.sun.management.ThreadMXBean threads() {
        try {
            if (ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean t
                    && t.isThreadAllocatedMemorySupported()) {
                if (!t.isThreadAllocatedMemoryEnabled()) {
                    t.setThreadAllocatedMemoryEnabled(true);
                }
                return t;
            }
        } catch (RuntimeException | LinkageError e) {
            LOG.warnf("per-thread allocation cannot be measured (%s): rules runs are bounded by their size caps only", e);
        }
        return null;
    }
}
