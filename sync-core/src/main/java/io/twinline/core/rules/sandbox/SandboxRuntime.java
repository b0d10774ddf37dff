package io.twinline.core.rules.sandbox;

import groovy.lang.Binding;
import groovy.lang.Closure;
import groovy.lang.MissingMethodException;
import groovy.lang.MissingPropertyException;
import groovy.lang.Script;
import io.twinline.core.model.Ticket;
import io.twinline.core.rules.RunLog;
import org.codehaus.groovy.runtime.InvokerHelper;
import org.codehaus.groovy.runtime.typehandling.DefaultTypeTransformation;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where every call, property access, subscript and constructor of compiled sync rules lands: the
 * {@link SandboxTransformer} rewrites the script so that each of them becomes a call to one of these static methods,
 * which checks it against the {@link SandboxPolicy} and only then performs it with Groovy's own dispatch.
 *
 * <p>A refused operation throws {@link SandboxViolationException} and is also remembered for the current thread, so
 * a script that catches the exception still fails its run.
 */
public final class SandboxRuntime {
    private static final SandboxPolicy POLICY = SandboxPolicy.defaultPolicy();
    private static final Object NOT_FOUND = new Object();
    /** Per-thread state of the run in progress: its deadline and the first refusal. */
    private static final class RunState {
        long deadline = Long.MIN_VALUE; // outside a run, rules code may not run at all
        String violation;
        boolean timedOut;
    }

    private static final ThreadLocal<RunState> RUN = ThreadLocal.withInitial(RunState::new);
    private static final Set<String> SCRIPT_BUILTINS = Set.of("println", "print", "printf");
    private static final Set<String> NULL_SAFE = Set.of("toString", "equals", "hashCode", "is", "asBoolean");

    /** Methods a script declares itself (its {@code def foo()}), by script class. */
    private static final ClassValue<Set<String>> SCRIPT_METHODS = new ClassValue<>() {
        @Override
        protected Set<String> computeValue(Class<?> type) {
            Set<String> names = new HashSet<>();
            for (Method m : type.getDeclaredMethods()) {
                if (!m.isSynthetic() && !m.getName().contains("$") && !m.getName().equals("main")
                        && !m.getName().equals("run") && !SandboxPolicy.FORBIDDEN_NAMES.contains(m.getName())) {
                    names.add(m.getName());
                }
            }
            return Set.copyOf(names);
        }
    };
    /** Fields a script declares with {@code @Field}. */
    private static final ClassValue<Set<String>> SCRIPT_FIELDS = new ClassValue<>() {
        @Override
        protected Set<String> computeValue(Class<?> type) {
            Set<String> names = new HashSet<>();
            for (Field f : type.getDeclaredFields()) {
                if (!f.isSynthetic() && !f.getName().contains("$") && !Modifier.isStatic(f.getModifiers())) {
                    names.add(f.getName());
                }
            }
            return Set.copyOf(names);
        }
    };

    private SandboxRuntime() {
    }

    // ---- run bookkeeping ------------------------------------------------------------------------------------

    /** Starts a run on this thread: forgets earlier refusals and sets the deadline. */
    public static void startRun(long timeoutNanos) {
        RunState state = RUN.get();
        state.violation = null;
        state.timedOut = false;
        state.deadline = System.nanoTime() + timeoutNanos;
    }

    /**
     * Ends the run on this thread and says why it must fail even though the script returned normally (it caught a
     * refusal or the timeout and went on), or null.
     */
    public static String endRun() {
        RunState state = RUN.get();
        state.deadline = Long.MIN_VALUE;
        String v = state.violation;
        state.violation = null;
        if (v == null && state.timedOut) {
            v = "the run went past its time bound";
        }
        state.timedOut = false;
        return v;
    }

    /**
     * The time bound: the transformer puts a call to this at the start of every loop iteration, closure call and
     * method of the rules. Once the deadline has passed every further check throws again, so catching the exception
     * does not help a script.
     */
    public static void checkDeadline() {
        RunState state = RUN.get();
        if (System.nanoTime() > state.deadline) {
            state.timedOut = true;
            throw new SandboxTimeoutException(false);
        }
        if (Thread.currentThread().isInterrupted()) {
            // the agent is shutting down or gave up on this run
            state.timedOut = true;
            throw new SandboxTimeoutException(true);
        }
    }

    private static SandboxViolationException deny(String what) {
        String message = what + " is not allowed in sync rules";
        RunState state = RUN.get();
        if (state.violation == null) {
            state.violation = message;
        }
        return new SandboxViolationException(message);
    }

    private static String typeName(Object o) {
        return o == null ? "null" : o instanceof Class<?> c ? c.getName() : o.getClass().getName();
    }

    // ---- method calls ---------------------------------------------------------------------------------------

    public static Object invoke(Object receiver, Object name, Object[] args, boolean safe, boolean spread) {
        String method = String.valueOf(name);
        if (spread) {
            if (receiver == null) {
                return null;
            }
            List<Object> out = new ArrayList<>();
            for (Object element : iterable(receiver, method)) {
                out.add(element == null ? null : invoke(element, method, args, false, false));
            }
            return out;
        }
        if (receiver == null) {
            if (safe) {
                return null;
            }
            if (NULL_SAFE.contains(method)) {
                return InvokerHelper.invokeMethod(null, method, args);
            }
            throw new NullPointerException("Cannot invoke method " + method + "() on null object");
        }
        if (receiver instanceof Class<?> type) {
            return invokeStatic(type, method, args);
        }
        if (receiver instanceof Script script) {
            return invokeImplicit(script, method, args);
        }
        checkArgs(method, args);
        if (SandboxPolicy.FORBIDDEN_NAMES.contains(method) || !POLICY.mayCall(receiver.getClass(), method)) {
            throw deny("calling " + method + "() on " + typeName(receiver));
        }
        return InvokerHelper.invokeMethod(receiver, method, args);
    }

    /** A call without receiver in the script body or in a method the script declares. */
    public static Object invokeImplicit(Object self, Object name, Object[] args) {
        String method = String.valueOf(name);
        if (!(self instanceof Script script)) {
            throw deny("calling " + method + "() on " + typeName(self));
        }
        checkArgs(method, args);
        if (SCRIPT_METHODS.get(script.getClass()).contains(method)) {
            return InvokerHelper.invokeMethod(script, method, args);
        }
        if (SCRIPT_BUILTINS.contains(method)) {
            return print(script, method, args);
        }
        Binding binding = script.getBinding();
        if (binding.hasVariable(method) && binding.getVariable(method) instanceof Closure<?> closure) {
            return closure.call(args);
        }
        if (SandboxPolicy.FORBIDDEN_NAMES.contains(method) || hasMetaMethod(script, method, args)) {
            throw deny("calling " + method + "()");
        }
        throw new MissingMethodException(method, script.getClass(), args);
    }

    /** A call without receiver inside a closure: resolved like Groovy does (owner / delegate), then checked. */
    public static Object invokeInClosure(Object owner, Object delegate, Object strategy, Object name, Object[] args) {
        String method = String.valueOf(name);
        Object result = tryInvokeInClosure(owner, delegate, toStrategy(strategy), method, args);
        if (result != NOT_FOUND) {
            return result;
        }
        Script script = scriptOf(owner);
        if (script != null) {
            return invokeImplicit(script, method, args);
        }
        throw new MissingMethodException(method, owner == null ? Object.class : owner.getClass(), args);
    }

    private static Object tryInvokeInClosure(Object owner, Object delegate, int strategy, String method, Object[] args) {
        for (Object candidate : candidates(owner, delegate, strategy)) {
            if (candidate instanceof Closure<?> outer) {
                Object r = tryInvokeInClosure(outer.getOwner(), outer.getDelegate(), outer.getResolveStrategy(), method, args);
                if (r != NOT_FOUND) {
                    return r;
                }
            } else if (candidate instanceof Script script) {
                if (SCRIPT_METHODS.get(script.getClass()).contains(method) || SCRIPT_BUILTINS.contains(method)
                        || script.getBinding().hasVariable(method)) {
                    return invokeImplicit(script, method, args);
                }
            } else if (candidate != null && hasMetaMethod(candidate, method, args)) {
                return invoke(candidate, method, args, false, false);
            }
        }
        return NOT_FOUND;
    }

    public static Object invokeStatic(Class<?> owner, Object name, Object[] args) {
        String method = String.valueOf(name);
        checkArgs(method, args);
        if (Script.class.isAssignableFrom(owner)) {
            if (SCRIPT_METHODS.get(owner).contains(method)) {
                return InvokerHelper.invokeStaticMethod(owner, method, args);
            }
            throw deny("calling " + method + "()");
        }
        if (!POLICY.mayCallStatic(owner, method)) {
            throw deny("calling " + owner.getName() + "." + method + "()");
        }
        return InvokerHelper.invokeStaticMethod(owner, method, args);
    }

    public static Object construct(Class<?> type, Object[] args) {
        if (!POLICY.mayConstruct(type)) {
            throw deny("creating " + type.getName());
        }
        checkArgs("new " + type.getSimpleName(), args);
        return InvokerHelper.invokeConstructorOf(type, args);
    }

    // ---- properties -----------------------------------------------------------------------------------------

    public static Object getProperty(Object receiver, Object name, boolean safe, boolean spread) {
        String property = String.valueOf(name);
        if (spread) {
            if (receiver == null) {
                return null;
            }
            List<Object> out = new ArrayList<>();
            for (Object element : iterable(receiver, property)) {
                out.add(element == null ? null : getProperty(element, property, false, false));
            }
            return out;
        }
        if (receiver == null) {
            if (safe) {
                return null;
            }
            throw new NullPointerException("Cannot get property '" + property + "' on null object");
        }
        if (SandboxPolicy.FORBIDDEN_NAMES.contains(property)) {
            throw deny("reading '" + property + "' of " + typeName(receiver));
        }
        if (receiver instanceof Class<?> type) {
            return getStatic(type, property);
        }
        if (receiver instanceof Script script) {
            return getVariable(script, property);
        }
        if (receiver instanceof Map<?, ?> map) {
            return map.get(property);
        }
        if (receiver instanceof Ticket ticket) {
            return ticket.getProperty(property);
        }
        if (POLICY.mayRead(receiver.getClass(), property)) {
            return InvokerHelper.getProperty(receiver, property);
        }
        if (receiver instanceof Collection<?> || receiver.getClass().isArray()) {
            // Groovy reads an unknown property of a list from each element: do the same, checking each element.
            return getProperty(receiver, property, false, true);
        }
        throw deny("reading '" + property + "' of " + typeName(receiver));
    }

    public static Object setProperty(Object receiver, Object name, Object value, boolean safe, boolean spread) {
        String property = String.valueOf(name);
        if (spread) {
            if (receiver != null) {
                for (Object element : iterable(receiver, property)) {
                    if (element != null) {
                        setProperty(element, property, value, false, false);
                    }
                }
            }
            return value;
        }
        if (receiver == null) {
            if (safe) {
                return value;
            }
            throw new NullPointerException("Cannot set property '" + property + "' on null object");
        }
        if (SandboxPolicy.FORBIDDEN_NAMES.contains(property) || receiver instanceof Class<?>) {
            throw deny("setting '" + property + "' of " + typeName(receiver));
        }
        checkArgs(property, new Object[]{value});
        if (receiver instanceof Script script) {
            return setVariable(script, property, value);
        }
        if (receiver instanceof Map<?, ?>) {
            @SuppressWarnings("unchecked") Map<Object, Object> map = (Map<Object, Object>) receiver;
            map.put(property, value);
            return value;
        }
        if (receiver instanceof Ticket ticket) {
            ticket.setProperty(property, value);
            return value;
        }
        if (POLICY.mayWrite(receiver.getClass(), property)) {
            InvokerHelper.setProperty(receiver, property, value);
            return value;
        }
        throw deny("setting '" + property + "' of " + typeName(receiver));
    }

    private static Object getStatic(Class<?> type, String property) {
        if (!POLICY.mayCallStatic(type, property)) {
            throw deny("reading " + type.getName() + "." + property);
        }
        try {
            Field f = type.getField(property);
            if (Modifier.isStatic(f.getModifiers())) {
                return f.get(null);
            }
        } catch (NoSuchFieldException | IllegalAccessException e) {
            // not a field: a static getter, handled below
        }
        return InvokerHelper.invokeStaticMethod(type, "get" + Character.toUpperCase(property.charAt(0)) + property.substring(1), null);
    }

    // ---- variables (names the script did not declare) ------------------------------------------------------

    public static Object getVariable(Object self, Object name) {
        String variable = String.valueOf(name);
        Script script = (Script) self;
        Binding binding = script.getBinding();
        if (binding.hasVariable(variable)) {
            return binding.getVariable(variable);
        }
        if (SCRIPT_FIELDS.get(script.getClass()).contains(variable)) {
            return InvokerHelper.getAttribute(script, variable);
        }
        if (SandboxPolicy.FORBIDDEN_NAMES.contains(variable)) {
            throw deny("reading '" + variable + "'");
        }
        throw new MissingPropertyException("No such property: " + variable + " (rules see: entity/issue, replica, "
                + "previous, firstSync, connection, commentHelper, attachmentHelper, nodeHelper, syncHelper, log)");
    }

    public static Object setVariable(Object self, Object name, Object value) {
        String variable = String.valueOf(name);
        if (SandboxPolicy.FORBIDDEN_NAMES.contains(variable)) {
            throw deny("setting '" + variable + "'");
        }
        Script script = (Script) self;
        if (SCRIPT_FIELDS.get(script.getClass()).contains(variable)) {
            InvokerHelper.setAttribute(script, variable, value);
        } else {
            script.getBinding().setVariable(variable, value);
        }
        return value;
    }

    public static Object getInClosure(Object owner, Object delegate, Object strategy, Object name) {
        String variable = String.valueOf(name);
        if (SandboxPolicy.FORBIDDEN_NAMES.contains(variable)) {
            throw deny("reading '" + variable + "'");
        }
        Object[] found = new Object[1];
        if (tryGetInClosure(owner, delegate, toStrategy(strategy), variable, found)) {
            return found[0];
        }
        Script script = scriptOf(owner);
        return getVariable(script, variable);
    }

    private static boolean tryGetInClosure(Object owner, Object delegate, int strategy, String name, Object[] found) {
        for (Object candidate : candidates(owner, delegate, strategy)) {
            if (candidate instanceof Closure<?> outer) {
                if (tryGetInClosure(outer.getOwner(), outer.getDelegate(), outer.getResolveStrategy(), name, found)) {
                    return true;
                }
            } else if (candidate instanceof Script script) {
                if (script.getBinding().hasVariable(name) || SCRIPT_FIELDS.get(script.getClass()).contains(name)) {
                    found[0] = getVariable(script, name);
                    return true;
                }
            } else if (candidate instanceof Map<?, ?> map) {
                found[0] = map.get(name);
                return true;
            } else if (candidate instanceof Ticket t) {
                if (t.isKnownProperty(name) || t.getAttributes().containsKey(name)) {
                    found[0] = t.getProperty(name);
                    return true;
                }
            } else if (candidate != null && InvokerHelper.getMetaClass(candidate).hasProperty(candidate, name) != null) {
                found[0] = getProperty(candidate, name, false, false);
                return true;
            }
        }
        return false;
    }

    public static Object setInClosure(Object owner, Object delegate, Object strategy, Object name, Object value) {
        String variable = String.valueOf(name);
        for (Object candidate : candidates(owner, delegate, toStrategy(strategy))) {
            if (candidate instanceof Closure<?> outer) {
                return setInClosure(outer.getOwner(), outer.getDelegate(), outer.getResolveStrategy(), variable, value);
            }
            if (candidate instanceof Script script) {
                return setVariable(script, variable, value);
            }
            if (candidate instanceof Map<?, ?> || candidate instanceof Ticket
                    || (candidate != null && InvokerHelper.getMetaClass(candidate).hasProperty(candidate, variable) != null)) {
                return setProperty(candidate, variable, value, false, false);
            }
        }
        throw new MissingPropertyException(variable, owner == null ? Object.class : owner.getClass());
    }

    // ---- subscripts and compound assignment -----------------------------------------------------------------

    public static Object getAt(Object receiver, Object key, boolean safe) {
        if (receiver == null) {
            if (safe) {
                return null;
            }
            throw new NullPointerException("Cannot get [" + key + "] of null object");
        }
        if (receiver instanceof Map<?, ?> map) {
            return map.get(key);
        }
        if (key instanceof CharSequence && !(receiver instanceof CharSequence)) {
            return getProperty(receiver, key.toString(), false, false);
        }
        if (key instanceof Class<?>) {
            throw deny("indexing with a class");
        }
        if (POLICY.mayCall(receiver.getClass(), "getAt")) {
            return InvokerHelper.invokeMethod(receiver, "getAt", new Object[]{key});
        }
        throw deny("indexing " + typeName(receiver));
    }

    public static Object putAt(Object receiver, Object key, Object value) {
        if (receiver == null) {
            throw new NullPointerException("Cannot set [" + key + "] of null object");
        }
        checkArgs("putAt", new Object[]{key, value});
        if (receiver instanceof Map<?, ?>) {
            @SuppressWarnings("unchecked") Map<Object, Object> map = (Map<Object, Object>) receiver;
            map.put(key, value);
            return value;
        }
        if (key instanceof CharSequence) {
            return setProperty(receiver, key.toString(), value, false, false);
        }
        if (POLICY.mayCall(receiver.getClass(), "putAt")) {
            InvokerHelper.invokeMethod(receiver, "putAt", new Object[]{key, value});
            return value;
        }
        throw deny("assigning into " + typeName(receiver));
    }

    public static Object compoundProperty(Object receiver, Object name, String op, Object value, boolean safe) {
        if (receiver == null && safe) {
            return null;
        }
        Object current = getProperty(receiver, name, false, false);
        return setProperty(receiver, name, apply(current, op, value), false, false);
    }

    public static Object compoundVariable(Object self, Object name, String op, Object value) {
        return setVariable(self, name, apply(getVariable(self, name), op, value));
    }

    public static Object compoundInClosure(Object owner, Object delegate, Object strategy, Object name, String op, Object value) {
        Object current = getInClosure(owner, delegate, strategy, name);
        return setInClosure(owner, delegate, strategy, name, apply(current, op, value));
    }

    public static Object compoundAt(Object receiver, Object key, String op, Object value) {
        return putAt(receiver, key, apply(getAt(receiver, key, false), op, value));
    }

    private static Object apply(Object current, String op, Object value) {
        if (op.equals("?=")) {
            return DefaultTypeTransformation.castToBoolean(current) ? current : value;
        }
        if (current != null && !(current instanceof Number || current instanceof CharSequence
                || current instanceof Collection<?> || current instanceof Map<?, ?> || current instanceof Boolean)) {
            if (!POLICY.mayCall(current.getClass(), op)) {
                throw deny("operator " + op + " on " + typeName(current));
            }
        }
        return InvokerHelper.invokeMethod(current, op, new Object[]{value});
    }

    // ---- helpers --------------------------------------------------------------------------------------------

    private static void checkArgs(String method, Object[] args) {
        if (args == null) {
            return;
        }
        for (Object a : args) {
            if (a instanceof Class<?> || a instanceof groovy.lang.MetaClass || a instanceof Binding
                    || a instanceof Script) {
                throw deny("passing " + (a instanceof Class<?> ? "a class" : typeName(a)) + " to " + method + "()");
            }
        }
    }

    private static Iterable<?> iterable(Object receiver, String name) {
        if (receiver instanceof Iterable<?> it) {
            return it;
        }
        if (receiver.getClass().isArray()) {
            return DefaultTypeTransformation.asCollection(receiver);
        }
        throw deny("spreading '" + name + "' over " + typeName(receiver));
    }

    private static boolean hasMetaMethod(Object target, String method, Object[] args) {
        return !InvokerHelper.getMetaClass(target).respondsTo(target, method, args == null ? new Object[0] : args).isEmpty();
    }

    private static int toStrategy(Object strategy) {
        return strategy instanceof Number n ? n.intValue() : Closure.OWNER_FIRST;
    }

    private static List<Object> candidates(Object owner, Object delegate, int strategy) {
        List<Object> order = new ArrayList<>(2);
        switch (strategy) {
            case Closure.DELEGATE_FIRST -> {
                order.add(delegate);
                if (owner != delegate) {
                    order.add(owner);
                }
            }
            case Closure.OWNER_ONLY -> order.add(owner);
            case Closure.DELEGATE_ONLY -> order.add(delegate);
            case Closure.TO_SELF -> {
            }
            default -> {
                order.add(owner);
                if (owner != delegate) {
                    order.add(delegate);
                }
            }
        }
        return order;
    }

    private static Script scriptOf(Object owner) {
        Object o = owner;
        while (o instanceof Closure<?> c) {
            o = c.getOwner();
        }
        if (o instanceof Script s) {
            return s;
        }
        throw deny("code outside the script");
    }

    private static Object print(Script script, String method, Object[] args) {
        String text;
        if (method.equals("printf") && args != null && args.length > 0) {
            Object[] rest = new Object[args.length - 1];
            System.arraycopy(args, 1, rest, 0, rest.length);
            text = String.format(String.valueOf(args[0]), rest);
        } else {
            text = args == null || args.length == 0 ? "" : InvokerHelper.toString(args[0]);
        }
        Binding binding = script.getBinding();
        if (binding.hasVariable("log") && binding.getVariable("log") instanceof RunLog log) {
            log.info(text);
        }
        return null;
    }
}
