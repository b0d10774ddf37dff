package io.twinline.core.rules;

import com.exalate.api.exception.IssueTrackerException;
import groovy.lang.Binding;
import groovy.lang.Script;
import io.twinline.core.model.Ticket;
import io.twinline.core.replica.Replica;
import io.twinline.core.rules.sandbox.RunGuard;
import io.twinline.core.rules.sandbox.SandboxLimitException;
import io.twinline.core.rules.sandbox.SandboxTimeoutException;
import io.twinline.core.rules.sandbox.SandboxViolationException;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** One run of compiled rules, on a rules worker thread: bindings in, the script run, its result checked and out. */
final class ScriptRun {
    private final CompiledRules rules;
    private final RulesRun run;
    private final RulesLimits limits;

    ScriptRun(CompiledRules rules, RulesRun run, RulesLimits limits) {
        this.rules = rules;
        this.run = run;
        this.limits = limits;
    }

    RunResult execute() {
        long start = System.nanoTime();
        Direction direction = rules.direction();
        Ticket entity;
        Replica replica;
        Replica previous;
        if (direction == Direction.OUTGOING) {
            entity = run.entity().copy();
            replica = new Replica();
            previous = null;
        } else {
            entity = run.entity() == null ? new Ticket() : run.entity().copy();
            replica = run.replica().copy();
            previous = run.previous() == null ? new Replica() : run.previous().copy();
            replica.computeCommentChanges(run.previous());
        }
        RunLog log = new RunLog(direction.label() + (run.logContext().isEmpty() ? "" : " " + run.logContext()),
                limits.maxLogLines(), limits.maxLogLineLength());
        SyncHelper syncHelper = new SyncHelper(run.trackerUrl(), run.remoteTrackerUrl(), run.remoteIssueUrl(), run.underSyncTest());
        Map<String, Object> vars = new HashMap<>(32);
        vars.put("entity", entity);
        vars.put("issue", entity);
        vars.put("replica", replica);
        vars.put("previous", previous);
        vars.put("firstSync", direction == Direction.INCOMING && run.isFirstSync());
        vars.put("connection", run.connectionInfo());
        vars.put("commentHelper", new CommentHelper(previous));
        vars.put("attachmentHelper", new AttachmentHelper());
        vars.put("nodeHelper", new NodeHelper(run.trackerCatalogue(), entity, replica));
        vars.put("syncHelper", syncHelper);
        vars.put("log", log);
        Binding binding = new Binding(vars);
        RunGuard.startRun(limits);
        try {
            Script script = rules.newScript(binding);
            script.run();
        } catch (Throwable t) {
            RunGuard.endRun();
            throw failure(t);
        }
        RunGuard.Leftover leftover = RunGuard.endRun();
        if (leftover != null) {
            RulesRunException.Kind kind = leftover.timedOut() ? RulesRunException.Kind.TIMEOUT
                    : leftover.limit() ? RulesRunException.Kind.LIMIT : RulesRunException.Kind.SANDBOX;
            throw new RulesRunException(direction, kind, 0,
                    leftover.message() + " (the rules caught it and went on; the run fails anyway)", null);
        }
        // Scripts may have replaced entity/replica wholesale (entity = …); take what the binding holds now.
        Object finalEntity = binding.getVariable("entity") != entity ? binding.getVariable("entity") : binding.getVariable("issue");
        Object finalReplica = binding.getVariable("replica");
        if (!(finalEntity instanceof Ticket) || !(finalReplica instanceof Replica)) {
            throw new RulesRunException(direction, RulesRunException.Kind.ERROR, 0,
                    "the rules replaced 'entity', 'issue' or 'replica' with something that is not a ticket", null);
        }
        normalize(direction, (Ticket) finalEntity, direction == Direction.OUTGOING ? "entity" : "issue");
        normalize(direction, (Replica) finalReplica, "replica");
        return new RunResult(direction, (Ticket) finalEntity, (Replica) finalReplica, log.entries(),
                syncHelper.syncBackRequested(), syncHelper.unsyncRequested(), System.nanoTime() - start);
    }

    /**
     * Generics are erased at run time, so a script can put a String into the labels or a number into the custom
     * fields: convert what has an obvious meaning, refuse the rest here with a clear message rather than later with a
     * ClassCastException far from the rules.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void normalize(Direction direction, Ticket t, String name) {
        for (Object label : (java.util.Set) t.getLabels()) {
            if (!(label instanceof io.twinline.core.model.Label)) {
                t.setLabels(new ArrayList<>((java.util.Set) t.getLabels()));
                break;
            }
        }
        checkElements(direction, name + ".comments", (List) t.getComments(), io.twinline.core.model.Comment.class,
                "new Comment(body: …) or commentHelper.addComment(…)");
        checkElements(direction, name + ".attachments", (List) t.getAttachments(), io.twinline.core.model.Attachment.class,
                "attachmentHelper.mergeAttachments(…)");
        for (Map.Entry<String, Object> e : ((Map<String, Object>) (Map) t.getCustomFields()).entrySet()) {
            if (e.getValue() != null && !(e.getValue() instanceof io.twinline.core.model.CustomField)) {
                e.setValue(new io.twinline.core.model.CustomField(e.getKey(), null, e.getValue()));
            }
        }
    }

    private static void checkElements(Direction direction, String what, List<Object> list, Class<?> type, String hint) {
        for (Object o : list) {
            if (!(type.isInstance(o))) {
                throw new RulesRunException(direction, RulesRunException.Kind.ERROR, 0, what + " holds a "
                        + (o == null ? "null" : o.getClass().getSimpleName()) + " instead of a " + type.getSimpleName()
                        + " (use " + hint + ")", null);
            }
        }
    }

    private RulesRunException failure(Throwable t) {
        Direction direction = rules.direction();
        int line = scriptLine(rules.className(), t);
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof IssueTrackerException || c instanceof RulesException) {
                return new RulesRunException(direction, RulesRunException.Kind.ABORTED, line, String.valueOf(c.getMessage()), c);
            }
            if (c instanceof SandboxViolationException) {
                return new RulesRunException(direction, RulesRunException.Kind.SANDBOX, line, c.getMessage(), c);
            }
            if (c instanceof SandboxLimitException) {
                return new RulesRunException(direction, RulesRunException.Kind.LIMIT, line, c.getMessage(), c);
            }
            if (c instanceof SandboxTimeoutException timedOut) {
                return timeout(direction, line, timedOut.interrupted(), limits, c);
            }
            if (c.getCause() == c) {
                break;
            }
        }
        if (t instanceof StackOverflowError) {
            return new RulesRunException(direction, RulesRunException.Kind.ERROR, line, "stack overflow (endless recursion?)", t);
        }
        if (t instanceof OutOfMemoryError) {
            // the run's objects are garbage now: the worker, and the agent, go on
            return new RulesRunException(direction, RulesRunException.Kind.LIMIT, line, "the run ran out of memory ("
                    + t.getMessage() + "): it built more than the heap holds", null);
        }
        String message = t.getMessage() == null ? t.getClass().getSimpleName()
                : t.getClass().getSimpleName() + ": " + t.getMessage().replace(rules.className(), "rules");
        return new RulesRunException(direction, RulesRunException.Kind.ERROR, line, message, t);
    }

    static RulesRunException timeout(Direction direction, int line, boolean interrupted, RulesLimits limits, Throwable cause) {
        return new RulesRunException(direction, RulesRunException.Kind.TIMEOUT, line, interrupted
                ? "the run was interrupted" : "the run took longer than its time bound of " + limits.runTimeout().toMillis() + " ms", cause);
    }

    private static int scriptLine(String className, Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            int line = scriptLine(className, c.getStackTrace());
            if (line > 0) {
                return line;
            }
        }
        return 0;
    }

    /** The innermost line of the rules in a stack trace, 0 when the rules are not on it. */
    static int scriptLine(String className, StackTraceElement[] trace) {
        for (StackTraceElement e : trace) {
            String cls = e.getClassName();
            if ((cls.equals(className) || cls.startsWith(className + "$")) && e.getLineNumber() > 0) {
                return e.getLineNumber();
            }
        }
        return 0;
    }
}
