package io.twinline.core.rules.sandbox;

import io.twinline.core.rules.RulesLimits;

/**
 * The per-thread state of the rules run in progress: its deadline, its limits, a stop someone else asked for, and
 * the first refusal. Compiled rules call {@link #checkDeadline()} at every loop iteration, closure call and method
 * entry; the other sandbox classes record refusals and limits here, so a script that catches them still fails.
 */
public final class RunGuard {

    /** Why the thread waiting for a run asked it to stop. */
    public enum StopRequest { MEMORY, INTERRUPTED, ABANDONED }

    /** State of one thread's run. The deadline and the stop request are written by the waiting thread too. */
    public static final class RunState {
        volatile long deadline = Long.MIN_VALUE; // outside a run, rules code may not run at all
        volatile StopRequest stop;
        /** True from the start of a run to its end: a run past its bound but outside the script is only finishing. */
        volatile boolean inScript;
        private long job;
        long memoryBudget;
        String violation;
        String limit;
        boolean timedOut;
        RulesLimits limits = RulesLimits.defaults();

        /** A worker starts a new job: a stop asked for an earlier one no longer applies. Returns the job's number. */
        public synchronized long beginJob() {
            stop = null;
            return ++job;
        }

        /** Asks the run of job {@code job} to stop at its next check; called from the thread waiting for it. */
        public synchronized void requestStop(long job, StopRequest request, long memoryBudget) {
            if (this.job == job) {
                this.memoryBudget = memoryBudget;
                this.stop = request;
                this.deadline = Long.MIN_VALUE;
            }
        }

        synchronized void start(long timeoutNanos) {
            // a stop asked for before the run got here still holds
            deadline = stop != null ? Long.MIN_VALUE : System.nanoTime() + timeoutNanos;
        }

        RulesLimits limits() {
            return limits;
        }
    }

    private static final ThreadLocal<RunState> RUN = ThreadLocal.withInitial(RunState::new);

    private RunGuard() {
    }

    /** The state of this thread's runs (a worker publishes it so that its caller can ask it to stop). */
    public static RunState current() {
        return RUN.get();
    }

    /** Starts a run on this thread: forgets earlier refusals, sets the limits and the deadline. */
    public static void startRun(RulesLimits limits) {
        RunState state = RUN.get();
        state.violation = null;
        state.limit = null;
        state.timedOut = false;
        state.limits = limits;
        state.inScript = true;
        state.start(limits.runTimeout().toNanos());
    }

    /** What made a run fail even though the script returned normally (it caught the error and went on). */
    public record Leftover(String message, boolean timedOut, boolean limit) {
    }

    /** Ends the run on this thread; returns why it must fail though the script returned normally, or null. */
    public static Leftover endRun() {
        RunState state = RUN.get();
        state.deadline = Long.MIN_VALUE;
        state.inScript = false;
        Leftover leftover = null;
        if (state.violation != null) {
            leftover = new Leftover(state.violation, false, false);
        } else if (state.limit != null) {
            leftover = new Leftover(state.limit, false, true);
        } else if (state.timedOut) {
            leftover = new Leftover("the run went past its time bound", true, false);
        }
        state.violation = null;
        state.limit = null;
        state.timedOut = false;
        return leftover;
    }

    /**
     * The time bound, put by the transformer at the start of every loop iteration, closure call and method of the
     * rules. Once the deadline has passed (or the waiting thread asked for a stop) every further check throws again,
     * so catching the exception does not help a script.
     */
    public static void checkDeadline() {
        RunState state = RUN.get();
        if (System.nanoTime() > state.deadline) {
            StopRequest stop = state.stop;
            if (stop == StopRequest.MEMORY) {
                throw limit("the run allocated more than " + mb(state.memoryBudget) + " (limit maxRunAllocation)");
            }
            state.timedOut = true;
            throw new SandboxTimeoutException(stop == StopRequest.INTERRUPTED);
        }
        if (Thread.currentThread().isInterrupted()) {
            // the agent is shutting down or gave up on this run
            state.timedOut = true;
            throw new SandboxTimeoutException(true);
        }
    }

    /** A refusal: remembered for the run, returned for the caller to throw. */
    static SandboxViolationException deny(String what) {
        String message = what + " is not allowed in sync rules";
        RunState state = RUN.get();
        if (state.violation == null) {
            state.violation = message;
        }
        return new SandboxViolationException(message);
    }

    /** A limit the run went over: remembered for the run, returned for the caller to throw. */
    static SandboxLimitException limit(String message) {
        RunState state = RUN.get();
        if (state.limit == null) {
            state.limit = message;
        }
        return new SandboxLimitException(message);
    }

    static RulesLimits limits() {
        return RUN.get().limits;
    }

    private static String mb(long bytes) {
        return bytes >= (1 << 20) ? (bytes >> 20) + " MB" : bytes + " bytes";
    }
}
