package io.twinline.core.rules.sandbox;

import java.net.URL;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

/**
 * Parent of the loader that defines compiled rules. It hides whole areas of the platform (files, network,
 * reflection, processes, threads, class loading, the Groovy shell and Grape), so that a rule naming such a class
 * fails to compile ("unable to resolve class"), and no compiled rule can link against one. It backs up the
 * allow-list, it does not replace it: {@code java.lang.System} for example stays visible, so that a rule naming it
 * gets the allow-list's clear refusal rather than "unable to resolve class".
 */
public final class RulesClassLoader extends ClassLoader {
    private static final List<String> HIDDEN = List.of(
            "java.io.", "java.nio.", "java.net.", "java.lang.reflect.", "java.lang.ProcessBuilder", "java.lang.Process",
            "java.lang.ProcessHandle", "java.lang.Runtime", "java.lang.Thread", "java.lang.ThreadGroup",
            "java.lang.ThreadLocal", "java.lang.InheritableThreadLocal", "java.lang.ClassLoader", "java.lang.Module",
            "java.lang.ModuleLayer", "java.lang.StackWalker", "java.lang.SecurityManager", "java.lang.management.",
            "java.lang.instrument.", "java.lang.ref.", "java.util.zip.", "java.util.jar.", "java.util.logging.",
            "java.util.prefs.", "java.util.ServiceLoader", "java.util.Timer", "java.sql.", "java.rmi.", "java.security.",
            "java.beans.", "java.awt.", "javax.", "sun.", "jdk.", "com.sun.", "org.jboss.", "com.fasterxml.",
            "groovy.lang.GroovyShell", "groovy.lang.GroovyClassLoader", "groovy.lang.GroovySystem",
            "groovy.lang.ExpandoMetaClass", "groovy.lang.MetaClassRegistry", "groovy.util.Eval",
            "groovy.util.GroovyScriptEngine", "groovy.util.AntBuilder", "groovy.grape.", "groovy.ui.",
            "groovy.transform.ASTTest", "org.codehaus.groovy.tools.", "org.apache.groovy.groovysh.",
            "org.codehaus.groovy.control.", "org.codehaus.groovy.ast.",
            "org.codehaus.groovy.runtime.ProcessGroovyMethods", "org.codehaus.groovy.runtime.IOGroovyMethods",
            "org.codehaus.groovy.runtime.ResourceGroovyMethods", "org.codehaus.groovy.runtime.ReflectionMethodsFilter",
            "io.twinline.core.rules.RulesEngine", "io.twinline.core.rules.TestRun"); // TestRun* covers TestRunCommand
    /**
     * Needed by code the JVM generates, never nameable by rules (the allow-list knows none of it): the accessors the
     * JVM generates after a method of the rules has been called reflectively a few times (they subclass
     * {@code jdk.internal.reflect.MethodAccessorImpl}, and wrap what the method throws in an
     * InvocationTargetException: without it a closure called more than 15 times fails with NoClassDefFoundError the
     * first time it throws, e.g. at the time bound).
     */
    private static final List<String> VISIBLE_ANYWAY = List.of("jdk.internal.reflect.",
            "java.lang.reflect.InvocationTargetException");

    public RulesClassLoader(ClassLoader parent) {
        super("twinline-rules", parent);
    }

    public static boolean isHidden(String className) {
        for (String visible : VISIBLE_ANYWAY) {
            if (className.startsWith(visible)) {
                return false;
            }
        }
        if (className.startsWith("java.util.concurrent.")) {
            return true;
        }
        for (String prefix : HIDDEN) {
            if (className.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (isHidden(name)) {
            throw new ClassNotFoundException(name + " is not available to sync rules");
        }
        return super.loadClass(name, resolve);
    }

    @Override
    public URL getResource(String name) {
        if (!name.endsWith(".class") || isHidden(name.substring(0, name.length() - 6).replace('/', '.'))) {
            return null;
        }
        return super.getResource(name);
    }

    @Override
    public Enumeration<URL> getResources(String name) {
        URL url = getResource(name);
        return url == null ? Collections.emptyEnumeration() : Collections.enumeration(List.of(url));
    }
}
