package io.twinline.core.rules.sandbox;

import org.codehaus.groovy.ast.AnnotatedNode;
import org.codehaus.groovy.ast.AnnotationNode;
import org.codehaus.groovy.ast.ClassCodeVisitorSupport;
import org.codehaus.groovy.ast.ClassNode;
import org.codehaus.groovy.ast.ImportNode;
import org.codehaus.groovy.ast.ModuleNode;
import org.codehaus.groovy.ast.expr.ClosureExpression;
import org.codehaus.groovy.ast.expr.DeclarationExpression;
import org.codehaus.groovy.ast.Parameter;
import org.codehaus.groovy.classgen.GeneratorContext;
import org.codehaus.groovy.control.CompilePhase;
import org.codehaus.groovy.control.SourceUnit;
import org.codehaus.groovy.control.customizers.CompilationCustomizer;
import org.codehaus.groovy.syntax.SyntaxException;

import java.util.Set;

/**
 * The first check, right after parsing and before any AST transformation can run: no annotations but
 * {@code @Field} (so no {@code @Grab}, {@code @ASTTest}, {@code @BaseScript} …, which act at compile time), no
 * package, no class declarations, and imports only of allow-listed classes (no star or static imports).
 */
public final class SourceGuard extends CompilationCustomizer {
    private static final Set<String> ALLOWED_ANNOTATIONS = Set.of("Field", "groovy.transform.Field");

    private final Set<String> importable;

    public SourceGuard(Set<String> importable) {
        super(CompilePhase.CONVERSION);
        this.importable = importable;
    }

    @Override
    public void call(SourceUnit source, GeneratorContext context, ClassNode classNode) {
        ModuleNode module = source.getAST();
        if (!classNode.isScript()) {
            error(source, "declaring classes", classNode);
        }
        if (classNode == module.getClasses().get(0)) {
            checkModule(source, module);
        }
        new ClassCodeVisitorSupport() {
            @Override
            protected SourceUnit getSourceUnit() {
                return source;
            }

            @Override
            public void visitAnnotations(AnnotatedNode node) {
                checkAnnotations(source, node);
            }

            @Override
            public void visitDeclarationExpression(DeclarationExpression expression) {
                checkAnnotations(source, expression);
                super.visitDeclarationExpression(expression);
            }

            @Override
            public void visitClosureExpression(ClosureExpression expression) {
                if (expression.getParameters() != null) {
                    for (Parameter p : expression.getParameters()) {
                        checkAnnotations(source, p);
                    }
                }
                super.visitClosureExpression(expression);
            }
        }.visitClass(classNode);
    }

    private void checkModule(SourceUnit source, ModuleNode module) {
        if (module.getPackage() != null) {
            error(source, "a package declaration", module.getPackage());
        }
        for (ImportNode i : module.getImports()) {
            checkAnnotations(source, i);
            if (!importable.contains(i.getClassName())) {
                error(source, "importing " + i.getClassName(), i);
            }
        }
        for (ImportNode i : module.getStarImports()) {
            checkAnnotations(source, i);
            error(source, "star imports (import " + i.getPackageName() + "*)", i);
        }
        for (ImportNode i : module.getStaticImports().values()) {
            checkAnnotations(source, i);
            error(source, "static imports (" + i.getClassName() + "." + i.getFieldName() + ")", i);
        }
        for (ImportNode i : module.getStaticStarImports().values()) {
            checkAnnotations(source, i);
            error(source, "static imports (" + i.getClassName() + ".*)", i);
        }
    }

    private void checkAnnotations(SourceUnit source, AnnotatedNode node) {
        for (AnnotationNode a : node.getAnnotations()) {
            if (!ALLOWED_ANNOTATIONS.contains(a.getClassNode().getName())) {
                error(source, "the annotation @" + a.getClassNode().getName(), a.getLineNumber() > 0 ? a : node);
            }
        }
    }

    private static void error(SourceUnit source, String what, org.codehaus.groovy.ast.ASTNode node) {
        source.addError(new SyntaxException(what + " (not allowed in sync rules)",
                Math.max(node.getLineNumber(), 1), Math.max(node.getColumnNumber(), 1)));
    }
}
