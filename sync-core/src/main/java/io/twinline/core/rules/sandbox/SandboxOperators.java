package io.twinline.core.rules.sandbox;

import org.codehaus.groovy.runtime.InvokerHelper;
import org.codehaus.groovy.runtime.typehandling.DefaultTypeTransformation;

import java.util.Collection;
import java.util.Map;

import static io.twinline.core.rules.sandbox.Resolution.POLICY;
import static io.twinline.core.rules.sandbox.Resolution.checkArgs;
import static io.twinline.core.rules.sandbox.Resolution.typeName;
import static io.twinline.core.rules.sandbox.SandboxProperties.getInClosure;
import static io.twinline.core.rules.sandbox.SandboxProperties.getProperty;
import static io.twinline.core.rules.sandbox.SandboxProperties.getVariable;
import static io.twinline.core.rules.sandbox.SandboxProperties.setInClosure;
import static io.twinline.core.rules.sandbox.SandboxProperties.setProperty;
import static io.twinline.core.rules.sandbox.SandboxProperties.setVariable;

/**
 * Subscripts, compound assignment and the operators of compiled sync rules whose result can grow without bound
 * ({@code + - * / % ** << >>}, ranges) or that run regular expressions ({@code =~ ==~}): checked against the
 * allow-list and the run's size caps ({@link ResourceGuard}), then performed with Groovy's own dispatch.
 */
public final class SandboxOperators {

    private SandboxOperators() {
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
            throw RunGuard.deny("indexing with a class");
        }
        if (POLICY.mayCall(receiver.getClass(), "getAt")) {
            return InvokerHelper.invokeMethod(receiver, "getAt", new Object[]{key});
        }
        throw RunGuard.deny("indexing " + typeName(receiver));
    }

    public static Object putAt(Object receiver, Object key, Object value) {
        if (receiver == null) {
            throw new NullPointerException("Cannot set [" + key + "] of null object");
        }
        checkArgs("putAt", new Object[]{key, value});
        if (receiver instanceof Map<?, ?>) {
            @SuppressWarnings("unchecked") Map<Object, Object> map = (Map<Object, Object>) receiver;
            if (map.size() >= RunGuard.limits().maxCollectionSize() && !map.containsKey(key)) {
                ResourceGuard.collection(map.size() + 1L);
            }
            map.put(key, value);
            return value;
        }
        if (key instanceof CharSequence) {
            return setProperty(receiver, key.toString(), value, false, false);
        }
        if (POLICY.mayCall(receiver.getClass(), "putAt")) {
            ResourceGuard.beforeCall(receiver, "putAt", new Object[]{key, value}); // list[10**9] = x pads with nulls
            InvokerHelper.invokeMethod(receiver, "putAt", new Object[]{key, value});
            return value;
        }
        throw RunGuard.deny("assigning into " + typeName(receiver));
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
                throw RunGuard.deny("operator " + op + " on " + typeName(current));
            }
        }
        return operator(current, op, value);
    }

    // ---- operators ------------------------------------------------------------------------------------------

    /**
     * {@code left <op> right} for the operators that can build something big ({@code + - * / ** <<}): the caps are
     * checked before (from the operands) and after (the result); the operator itself dispatches as Groovy's does.
     */
    public static Object operator(Object left, String op, Object right) {
        Object[] args = {right};
        if (op.equals("power")) {
            ResourceGuard.power(left, right);
        }
        if (left != null) {
            ResourceGuard.beforeCall(left, op, args);
        }
        if (right instanceof java.math.BigInteger || right instanceof java.math.BigDecimal) {
            ResourceGuard.number((Number) right);
        }
        return ResourceGuard.result(InvokerHelper.invokeMethod(left, op, args));
    }

    /** {@code left ==~ right}, matching against checked characters. */
    public static boolean matchRegex(Object left, Object right) {
        return SandboxRegex.matchRegex(left, right);
    }

    /** {@code left =~ right}: a matcher over checked characters. */
    public static Object findRegex(Object left, Object right) {
        return SandboxRegex.findRegex(left, right);
    }

    /** {@code from..to}: ranges are lazy, but what walks or collects them is capped like a collection. */
    public static Object range(Object range) {
        return ResourceGuard.range(range);
    }

}
