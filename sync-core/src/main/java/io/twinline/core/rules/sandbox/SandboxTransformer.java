package io.twinline.core.rules.sandbox;

import org.codehaus.groovy.ast.ClassNode;
import org.codehaus.groovy.classgen.GeneratorContext;
import org.codehaus.groovy.control.CompilePhase;
import org.codehaus.groovy.control.SourceUnit;
import org.codehaus.groovy.control.customizers.CompilationCustomizer;
import org.codehaus.groovy.syntax.SyntaxException;

/**
 * Rewrites a compiled script ({@link SandboxRewriter}) so that every method call, property access, subscript,
 * constructor call, growing operator, range and access to an undeclared variable goes through the sandbox's run-time
 * classes ({@link SandboxRuntime}, {@link SandboxProperties}, {@link SandboxOperators}), which check it against the
 * allow-list and the run's size caps at run time. Constructs the run-time check cannot see (method pointers,
 * {@code .@field}, classes used as types or literals, casts) are checked here, and refused with the line and column.
 *
 * <p>It also puts the time bound in: a {@link RunGuard#checkDeadline()} call at the start of every method, closure
 * and loop iteration. (Groovy's own {@code TimedInterrupt} does the same, but its check inside a closure reads the
 * deadline field through the script's property lookup, which throws and catches a MissingPropertyException on every
 * closure call: a fifth of the run time of the default rules.) A run stuck inside one library call, where no check
 * is reached, is stopped by the thread waiting for it (see {@code RunWorkers}).
 *
 * <p>Runs at canonicalization, after names and variable scopes are resolved.
 */
public final class SandboxTransformer extends CompilationCustomizer {
    private final SandboxPolicy policy;

    public SandboxTransformer(SandboxPolicy policy) {
        super(CompilePhase.CANONICALIZATION);
        this.policy = policy;
    }

    @Override
    public void call(SourceUnit source, GeneratorContext context, ClassNode classNode) {
        if (!classNode.isScript()) {
            source.addError(new SyntaxException("declaring classes is not allowed in sync rules",
                    classNode.getLineNumber(), classNode.getColumnNumber()));
            return;
        }
        new SandboxRewriter(policy, source, classNode).visitClass(classNode);
    }
}
