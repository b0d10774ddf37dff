package io.twinline.core.rules.sandbox;

import groovy.lang.Binding;
import groovy.lang.Closure;
import groovy.lang.MissingMethodException;
import groovy.lang.Script;
import io.twinline.core.rules.RunLog;
import org.codehaus.groovy.runtime.InvokerHelper;

import java.util.ArrayList;
import java.util.List;

import static io.twinline.core.rules.sandbox.Resolution.NOT_FOUND;
import static io.twinline.core.rules.sandbox.Resolution.POLICY;
import static io.twinline.core.rules.sandbox.Resolution.SCRIPT_BUILTINS;
import static io.twinline.core.rules.sandbox.Resolution.SCRIPT_METHODS;
import static io.twinline.core.rules.sandbox.Resolution.candidates;
import static io.twinline.core.rules.sandbox.Resolution.checkArgs;
import static io.twinline.core.rules.sandbox.Resolution.hasMetaMethod;
import static io.twinline.core.rules.sandbox.Resolution.iterable;
import static io.twinline.core.rules.sandbox.Resolution.scriptOf;
import static io.twinline.core.rules.sandbox.Resolution.toStrategy;
import static io.twinline.core.rules.sandbox.Resolution.typeName;

/**
 * Where every method call and constructor call of compiled sync rules lands: the {@link SandboxTransformer}
 * rewrites the script so that each of them becomes a call to one of these static methods, which checks it against
 * the {@link SandboxPolicy} and the run's size caps and only then performs it with Groovy's own dispatch. (Property
 * access: {@link SandboxProperties}; subscripts and operators: {@link SandboxOperators}; the time bound:
 * {@link RunGuard}.)
 *
 * <p>A refused operation throws {@link SandboxViolationException} and is also remembered for the current thread, so
 * a script that catches the exception still fails its run.
 */
public final class SandboxRuntime {
    private static final java.util.Set<String> NULL_SAFE = java.util.Set.of("toString", "equals", "hashCode", "is", "asBoolean");

    private SandboxRuntime() {
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
            throw RunGuard.deny("calling " + method + "() on " + typeName(receiver));
        }
        ResourceGuard.beforeCall(receiver, method, args);
        Object result = SandboxRegex.call(receiver, method, args);
        if (result == SandboxRegex.NOT_REGEX) {
            result = InvokerHelper.invokeMethod(receiver, method, args);
        }
        return ResourceGuard.result(result);
    }

    /** A call without receiver in the script body or in a method the script declares. */
    public static Object invokeImplicit(Object self, Object name, Object[] args) {
        String method = String.valueOf(name);
        if (!(self instanceof Script script)) {
            throw RunGuard.deny("calling " + method + "() on " + typeName(self));
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
            throw RunGuard.deny("calling " + method + "()");
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
            throw RunGuard.deny("calling " + method + "()");
        }
        if (!POLICY.mayCallStatic(owner, method)) {
            throw RunGuard.deny("calling " + owner.getName() + "." + method + "()");
        }
        ResourceGuard.beforeStatic(owner, method, args);
        Object result = SandboxRegex.callStatic(owner, method, args);
        if (result == SandboxRegex.NOT_REGEX) {
            result = InvokerHelper.invokeStaticMethod(owner, method, args);
        }
        return ResourceGuard.result(result);
    }

    public static Object construct(Class<?> type, Object[] args) {
        if (!POLICY.mayConstruct(type)) {
            throw RunGuard.deny("creating " + type.getName());
        }
        checkArgs("new " + type.getSimpleName(), args);
        ResourceGuard.beforeConstruct(type, args);
        return ResourceGuard.result(InvokerHelper.invokeConstructorOf(type, args));
    }

    // ---- helpers --------------------------------------------------------------------------------------------

    private static Object print(Script script, String method, Object[] args) {
        String text;
        if (method.equals("printf") && args != null && args.length > 0) {
            Object[] rest = new Object[args.length - 1];
            System.arraycopy(args, 1, rest, 0, rest.length);
            ResourceGuard.beforeStatic(String.class, "format", new Object[]{args[0]});
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
