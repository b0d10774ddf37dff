package io.twinline.core.rules.sandbox;

import org.codehaus.groovy.ast.ClassHelper;
import org.codehaus.groovy.ast.ClassNode;
import org.codehaus.groovy.ast.DynamicVariable;
import org.codehaus.groovy.ast.expr.ConstantExpression;
import org.codehaus.groovy.ast.expr.Expression;
import org.codehaus.groovy.ast.expr.PropertyExpression;
import org.codehaus.groovy.ast.expr.VariableExpression;
import org.codehaus.groovy.control.SourceUnit;
import org.codehaus.groovy.syntax.SyntaxException;

/** The compile-time refusals of the {@link SandboxRewriter}: types the allow-list does not know, hidden classes. */
final class CompileChecks {
    private static final java.util.Set<String> PACKAGE_ROOTS = java.util.Set.of("java", "javax", "groovy", "org", "com", "sun", "jdk", "io", "net");

    private final SandboxPolicy policy;
    private final SourceUnit source;
    private final ClassNode script;

    CompileChecks(SandboxPolicy policy, SourceUnit source, ClassNode script) {
        this.policy = policy;
        this.source = source;
        this.script = script;
    }

    void error(String message, org.codehaus.groovy.ast.ASTNode node) {
        source.addError(new SyntaxException(message + " (not allowed in sync rules)",
                Math.max(node.getLineNumber(), 1), Math.max(node.getColumnNumber(), 1)));
    }

    void checkType(ClassNode type, org.codehaus.groovy.ast.ASTNode where) {
        if (type == null || type.equals(script) || ClassHelper.isDynamicTyped(type)) {
            return;
        }
        ClassNode t = type;
        while (t.isArray()) {
            t = t.getComponentType();
        }
        if (t.isGenericsPlaceHolder() || t.equals(script)) {
            return;
        }
        boolean allowed;
        try {
            allowed = t.isResolved() ? policy.isTypeAllowed(t.getTypeClass()) : false;
        } catch (RuntimeException | LinkageError e) {
            allowed = false;
        }
        if (!allowed) {
            error("class " + t.getName(), where);
        }
        if (type.getGenericsTypes() != null) {
            for (var g : type.getGenericsTypes()) {
                if (!g.isPlaceholder() && !g.isWildcard()) {
                    checkType(g.getType(), where);
                }
            }
        }
    }

    /**
     * {@code java.lang.Runtime.getRuntime()} with a class the compiler could not resolve (hidden by the rules'
     * class loader) parses as property reads on an undeclared variable {@code java}: say what it really is.
     */
    boolean unresolvedClass(Expression e, org.codehaus.groovy.ast.ASTNode where) {
        StringBuilder name = new StringBuilder();
        Expression cur = e;
        while (cur instanceof PropertyExpression p && p.getProperty() instanceof ConstantExpression c) {
            name.insert(0, "." + c.getValue());
            cur = p.getObjectExpression();
        }
        if (cur instanceof VariableExpression v && v.getAccessedVariable() instanceof DynamicVariable && PACKAGE_ROOTS.contains(v.getName()) && name.length() > 0) {
            error("the class " + v.getName() + name + " (unknown, or hidden from rules)", where);
            return true;
        }
        return false;
    }
}
