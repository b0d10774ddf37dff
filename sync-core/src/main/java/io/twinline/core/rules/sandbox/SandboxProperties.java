package io.twinline.core.rules.sandbox;

import groovy.lang.Binding;
import groovy.lang.Closure;
import groovy.lang.MissingPropertyException;
import groovy.lang.Script;
import io.twinline.core.model.Ticket;
import org.codehaus.groovy.runtime.InvokerHelper;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import static io.twinline.core.rules.sandbox.Resolution.POLICY;
import static io.twinline.core.rules.sandbox.Resolution.SCRIPT_FIELDS;
import static io.twinline.core.rules.sandbox.Resolution.candidates;
import static io.twinline.core.rules.sandbox.Resolution.checkArgs;
import static io.twinline.core.rules.sandbox.Resolution.iterable;
import static io.twinline.core.rules.sandbox.Resolution.scriptOf;
import static io.twinline.core.rules.sandbox.Resolution.toStrategy;
import static io.twinline.core.rules.sandbox.Resolution.typeName;

/**
 * Property reads and writes of compiled sync rules, and the names a script uses without declaring them (resolved
 * to its bindings and {@code @Field}s, or inside closures through owner and delegate as Groovy does), each checked
 * against the {@link SandboxPolicy} at run time.
 */
public final class SandboxProperties {

    private SandboxProperties() {
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
            throw RunGuard.deny("reading '" + property + "' of " + typeName(receiver));
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
        throw RunGuard.deny("reading '" + property + "' of " + typeName(receiver));
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
            throw RunGuard.deny("setting '" + property + "' of " + typeName(receiver));
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
        throw RunGuard.deny("setting '" + property + "' of " + typeName(receiver));
    }

    private static Object getStatic(Class<?> type, String property) {
        if (!POLICY.mayCallStatic(type, property)) {
            throw RunGuard.deny("reading " + type.getName() + "." + property);
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
            throw RunGuard.deny("reading '" + variable + "'");
        }
        throw new MissingPropertyException("No such property: " + variable + " (rules see: entity/issue, replica, "
                + "previous, firstSync, connection, commentHelper, attachmentHelper, nodeHelper, syncHelper, log)");
    }

    public static Object setVariable(Object self, Object name, Object value) {
        String variable = String.valueOf(name);
        if (SandboxPolicy.FORBIDDEN_NAMES.contains(variable)) {
            throw RunGuard.deny("setting '" + variable + "'");
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
            throw RunGuard.deny("reading '" + variable + "'");
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

}
