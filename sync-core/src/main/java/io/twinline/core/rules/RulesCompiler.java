package io.twinline.core.rules;

import groovy.lang.Binding;
import groovy.lang.GroovyClassLoader;
import groovy.lang.GroovyCodeSource;
import io.twinline.core.rules.sandbox.RulesClassLoader;
import io.twinline.core.rules.sandbox.SandboxPolicy;
import io.twinline.core.rules.sandbox.SandboxTransformer;
import io.twinline.core.rules.sandbox.SourceGuard;
import org.codehaus.groovy.ast.stmt.SynchronizedStatement;
import org.codehaus.groovy.control.CompilationFailedException;
import org.codehaus.groovy.control.CompilerConfiguration;
import org.codehaus.groovy.control.MultipleCompilationErrorsException;
import org.codehaus.groovy.control.customizers.SecureASTCustomizer;
import org.codehaus.groovy.control.messages.ExceptionMessage;
import org.codehaus.groovy.control.messages.Message;
import org.codehaus.groovy.control.messages.SimpleMessage;
import org.codehaus.groovy.control.messages.SyntaxErrorMessage;
import org.codehaus.groovy.syntax.SyntaxException;

import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Compiles one rules text with every sandbox layer on (see the module README); runs on a rules worker thread. */
final class RulesCompiler {
    private final SandboxPolicy policy = SandboxPolicy.defaultPolicy();
    private final Set<String> globalTransforms = discoverGlobalTransforms();

    CompiledRules compile(Direction direction, String text, String version) {
        String className = direction == Direction.OUTGOING ? "OutgoingRules" : "IncomingRules";
        CompilerConfiguration config = new CompilerConfiguration();
        config.setDisabledGlobalASTTransformations(globalTransforms);
        SecureASTCustomizer secure = new SecureASTCustomizer();
        secure.setPackageAllowed(false);
        secure.setAllowedImports(new ArrayList<>(importable()));
        secure.setAllowedStarImports(List.of());
        secure.setAllowedStaticImports(List.of());
        secure.setAllowedStaticStarImports(List.of());
        secure.setDisallowedStatements(List.of(SynchronizedStatement.class));
        secure.setIndirectImportCheckEnabled(false);
        config.addCompilationCustomizers(
                new SourceGuard(importable()),
                secure,
                new SandboxTransformer(policy));
        try (GroovyClassLoader loader = new GroovyClassLoader(new RulesClassLoader(RulesEngine.class.getClassLoader()), config)) {
            loader.setResourceLoader(filename -> null); // never look for other scripts to compile
            Class<?> type = loader.parseClass(new GroovyCodeSource(text, className, "/twinline/rules"), false);
            // the script class's initialisation and meta class cost tens of milliseconds: pay them here, not in a run
            org.codehaus.groovy.runtime.InvokerHelper.getMetaClass(type).initialize();
            var ctor = MethodHandles.publicLookup().findConstructor(type, MethodType.methodType(void.class, Binding.class))
                    .asType(MethodType.methodType(Object.class, Binding.class));
            return new CompiledRules(direction, version, className, ctor);
        } catch (MultipleCompilationErrorsException e) {
            throw new RulesCompileException(direction, problems(e));
        } catch (CompilationFailedException e) {
            throw new RulesCompileException(direction, List.of(new RulesCompileException.Problem(0, 0, e.getMessage())));
        } catch (StackOverflowError e) {
            throw new RulesCompileException(direction, List.of(new RulesCompileException.Problem(0, 0,
                    "the rules are nested too deeply to compile")));
        } catch (NoSuchMethodException | IllegalAccessException | IOException e) {
            throw new IllegalStateException("compiled rules have no script constructor", e);
        }
    }

    private Set<String> importable() {
        Set<String> names = new HashSet<>(policy.typeNames());
        names.add("groovy.transform.Field");
        return names;
    }

    private static List<RulesCompileException.Problem> problems(MultipleCompilationErrorsException e) {
        List<RulesCompileException.Problem> out = new ArrayList<>();
        for (Message m : e.getErrorCollector().getErrors()) {
            if (m instanceof SyntaxErrorMessage s) {
                SyntaxException cause = s.getCause();
                out.add(new RulesCompileException.Problem(cause.getLine(), cause.getStartColumn(), cleanMessage(cause.getOriginalMessage())));
            } else if (m instanceof ExceptionMessage x) {
                Exception cause = x.getCause();
                out.add(new RulesCompileException.Problem(0, 0, cleanMessage(cause.getMessage())));
            } else if (m instanceof SimpleMessage s) {
                out.add(new RulesCompileException.Problem(0, 0, cleanMessage(s.getMessage())));
            } else {
                out.add(new RulesCompileException.Problem(0, 0, m.toString()));
            }
        }
        return out;
    }

    private static String cleanMessage(String message) {
        // one line per problem: Groovy quotes the offending input, newlines included
        return message == null ? "" : message.replace("\r", "").strip().replace("\n", "\\n");
    }

    /** Global AST transformations on the class path run on every compile unless disabled: disable them all. */
    private static Set<String> discoverGlobalTransforms() {
        Set<String> names = new HashSet<>();
        names.add("groovy.grape.GrabAnnotationTransformation");
        try {
            Enumeration<URL> services = RulesEngine.class.getClassLoader()
                    .getResources("META-INF/services/org.codehaus.groovy.transform.ASTTransformation");
            while (services.hasMoreElements()) {
                try (InputStream in = services.nextElement().openStream()) {
                    for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                        String name = line.strip();
                        if (!name.isEmpty() && !name.startsWith("#")) {
                            names.add(name);
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot list global AST transformations", e);
        }
        return Set.copyOf(names);
    }
}
