package io.twinline.core.rules.sandbox;

import org.codehaus.groovy.ast.ClassCodeExpressionTransformer;
import org.codehaus.groovy.ast.ClassHelper;
import org.codehaus.groovy.ast.ClassNode;
import org.codehaus.groovy.ast.ConstructorNode;
import org.codehaus.groovy.ast.DynamicVariable;
import org.codehaus.groovy.ast.FieldNode;
import org.codehaus.groovy.ast.MethodNode;
import org.codehaus.groovy.ast.Parameter;
import org.codehaus.groovy.ast.expr.ArgumentListExpression;
import org.codehaus.groovy.ast.expr.ArrayExpression;
import org.codehaus.groovy.ast.expr.AttributeExpression;
import org.codehaus.groovy.ast.expr.BinaryExpression;
import org.codehaus.groovy.ast.expr.CastExpression;
import org.codehaus.groovy.ast.expr.ClassExpression;
import org.codehaus.groovy.ast.expr.ClosureExpression;
import org.codehaus.groovy.ast.expr.ConstantExpression;
import org.codehaus.groovy.ast.expr.ConstructorCallExpression;
import org.codehaus.groovy.ast.expr.DeclarationExpression;
import org.codehaus.groovy.ast.expr.Expression;
import org.codehaus.groovy.ast.expr.MapEntryExpression;
import org.codehaus.groovy.ast.expr.MapExpression;
import org.codehaus.groovy.ast.expr.MethodCallExpression;
import org.codehaus.groovy.ast.expr.MethodPointerExpression;
import org.codehaus.groovy.ast.expr.NamedArgumentListExpression;
import org.codehaus.groovy.ast.expr.PostfixExpression;
import org.codehaus.groovy.ast.expr.PrefixExpression;
import org.codehaus.groovy.ast.expr.PropertyExpression;
import org.codehaus.groovy.ast.expr.RangeExpression;
import org.codehaus.groovy.ast.expr.SpreadExpression;
import org.codehaus.groovy.ast.expr.SpreadMapExpression;
import org.codehaus.groovy.ast.expr.StaticMethodCallExpression;
import org.codehaus.groovy.ast.expr.TupleExpression;
import org.codehaus.groovy.ast.expr.VariableExpression;
import org.codehaus.groovy.ast.stmt.BlockStatement;
import org.codehaus.groovy.ast.stmt.CatchStatement;
import org.codehaus.groovy.ast.stmt.DoWhileStatement;
import org.codehaus.groovy.ast.stmt.ExpressionStatement;
import org.codehaus.groovy.ast.stmt.ForStatement;
import org.codehaus.groovy.ast.stmt.Statement;
import org.codehaus.groovy.ast.stmt.WhileStatement;
import org.codehaus.groovy.control.SourceUnit;
import org.codehaus.groovy.syntax.Token;
import org.codehaus.groovy.syntax.Types;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The rewrite itself (see {@link SandboxTransformer}): every method call, property access, subscript, constructor
 * call, growing operator, range, regex operator and access to an undeclared variable becomes a call into the
 * sandbox's run-time classes; loops, closures and methods get a deadline check; what the run-time check cannot see
 * (method pointers, {@code .@field}, classes used as types or literals, casts) is refused here with line and column.
 */
final class SandboxRewriter extends ClassCodeExpressionTransformer {
    private static final ClassNode CALLS = ClassHelper.make(SandboxRuntime.class);
    private static final ClassNode PROPERTIES = ClassHelper.make(SandboxProperties.class);
    private static final ClassNode OPERATORS = ClassHelper.make(SandboxOperators.class);
    private static final ClassNode GUARD = ClassHelper.make(RunGuard.class);
    /** Operators whose result can grow far beyond their operands, by the method Groovy dispatches them to. */
    private static final Map<Integer, String> GROWING = Map.of(Types.PLUS, "plus", Types.MINUS, "minus",
            Types.MULTIPLY, "multiply", Types.DIVIDE, "div", Types.POWER, "power", Types.LEFT_SHIFT, "leftShift");
    private static final Map<Integer, String> COMPOUND = Map.ofEntries(
            Map.entry(Types.PLUS_EQUAL, "plus"), Map.entry(Types.MINUS_EQUAL, "minus"),
            Map.entry(Types.MULTIPLY_EQUAL, "multiply"), Map.entry(Types.DIVIDE_EQUAL, "div"),
            Map.entry(Types.INTDIV_EQUAL, "intdiv"), Map.entry(Types.MOD_EQUAL, "mod"),
            Map.entry(Types.POWER_EQUAL, "power"), Map.entry(Types.LEFT_SHIFT_EQUAL, "leftShift"),
            Map.entry(Types.RIGHT_SHIFT_EQUAL, "rightShift"), Map.entry(Types.BITWISE_AND_EQUAL, "and"),
            Map.entry(Types.BITWISE_OR_EQUAL, "or"), Map.entry(Types.BITWISE_XOR_EQUAL, "xor"),
            Map.entry(Types.ELVIS_EQUAL, "?="));


    private final SandboxPolicy policy;
    private final SourceUnit source;
    private final ClassNode script;
    private final CompileChecks checks;
    private int closureDepth;

    SandboxRewriter(SandboxPolicy policy, SourceUnit source, ClassNode script) {
        this.policy = policy;
        this.source = source;
        this.script = script;
        this.checks = new CompileChecks(policy, source, script);
    }

    @Override
    protected SourceUnit getSourceUnit() {
        return source;
    }



    @Override
    public void visitMethod(MethodNode node) {
        if (node.isStatic() && node.getName().equals("main") && !node.isScriptBody() && node.getParameters().length == 1
                && node.getParameters()[0].getType().isArray() && node.getLineNumber() < 1) {
            return; // the launcher Groovy generates for every script: never called by the engine
        }
        if (!(node instanceof ConstructorNode) && !node.isScriptBody()) {
            if (SandboxPolicy.FORBIDDEN_NAMES.contains(node.getName()) || node.getName().equals("methodMissing")
                    || node.getName().equals("propertyMissing") || node.getName().equals("main")) {
                checks.error("declaring a method named " + node.getName(), node);
            }
            checks.checkType(node.getReturnType(), node);
        }
        for (Parameter p : node.getParameters()) {
            checks.checkType(p.getType(), p.getLineNumber() > 0 ? p : node);
        }
        super.visitMethod(node);
        if (!(node instanceof ConstructorNode) && node.getCode() != null) {
            node.setCode(withDeadlineCheck(node.getCode()));
        }
    }

    @Override
    public void visitForLoop(ForStatement loop) {
        super.visitForLoop(loop);
        loop.setLoopBlock(withDeadlineCheck(loop.getLoopBlock()));
    }

    @Override
    public void visitWhileLoop(WhileStatement loop) {
        super.visitWhileLoop(loop);
        loop.setLoopBlock(withDeadlineCheck(loop.getLoopBlock()));
    }

    @Override
    public void visitDoWhileLoop(DoWhileStatement loop) {
        super.visitDoWhileLoop(loop);
        loop.setLoopBlock(withDeadlineCheck(loop.getLoopBlock()));
    }

    /** {@code SandboxRuntime.checkDeadline(); <statement>}, added after the statement was rewritten. */
    private Statement withDeadlineCheck(Statement statement) {
        MethodCallExpression check = new MethodCallExpression(new ClassExpression(GUARD), "checkDeadline",
                ArgumentListExpression.EMPTY_ARGUMENTS);
        check.setImplicitThis(false);
        ExpressionStatement first = new ExpressionStatement(check);
        first.setSourcePosition(statement);
        BlockStatement block = new BlockStatement();
        block.setSourcePosition(statement);
        block.addStatement(first);
        block.addStatement(statement);
        return block;
    }

    @Override
    public void visitField(FieldNode node) {
        if (!node.isSynthetic() && !node.getName().contains("$")) {
            checks.checkType(node.getType(), node);
        }
        super.visitField(node);
    }

    @Override
    public void visitCatchStatement(CatchStatement statement) {
        checks.checkType(statement.getExceptionType(), statement);
        super.visitCatchStatement(statement);
    }

    @Override
    public Expression transform(Expression exp) {
        if (exp == null) {
            return null;
        }
        Expression result = rewrite(exp);
        if (result != exp) {
            result.setSourcePosition(exp);
        }
        return result;
    }

    private Expression rewrite(Expression exp) {
        if (exp instanceof ClosureExpression closure) {
            if (closure.getParameters() != null) {
                for (Parameter p : closure.getParameters()) {
                    checks.checkType(p.getType(), closure);
                    if (p.hasInitialExpression()) {
                        p.setInitialExpression(transform(p.getInitialExpression()));
                    }
                }
            }
            closureDepth++;
            try {
                closure.getCode().visit(this);
            } finally {
                closureDepth--;
            }
            closure.setCode(withDeadlineCheck(closure.getCode()));
            return closure;
        }
        if (exp instanceof DeclarationExpression decl) {
            if (decl.isMultipleAssignmentDeclaration()) {
                for (Expression e : decl.getTupleExpression().getExpressions()) {
                    checks.checkType(e.getType(), decl);
                }
            } else {
                checks.checkType(decl.getVariableExpression().getOriginType(), decl);
            }
            decl.setRightExpression(transform(decl.getRightExpression()));
            return decl;
        }
        if (exp instanceof BinaryExpression binary) {
            return rewriteBinary(binary);
        }
        if (exp instanceof MethodPointerExpression) {
            checks.error("method pointers and references (.&, ::)", exp);
            return exp;
        }
        if (exp instanceof AttributeExpression) {
            checks.error("direct field access (.@)", exp);
            return exp;
        }
        if (exp instanceof MethodCallExpression call) {
            return rewriteCall(call);
        }
        if (exp instanceof StaticMethodCallExpression call) {
            if (!call.getOwnerType().equals(script)) {
                checks.error("calling the static method " + call.getOwnerType().getName() + "." + call.getMethod(), exp);
            }
            return runtime("invokeStatic", new ClassExpression(call.getOwnerType()), new ConstantExpression(call.getMethod()),
                    argsArray(call.getArguments()));
        }
        if (exp instanceof ConstructorCallExpression ctor) {
            if (ctor.isSpecialCall()) {
                return ctor;
            }
            if (ctor.isUsingAnonymousInnerClass()) {
                checks.error("anonymous classes", exp);
                return exp;
            }
            ClassNode type = ctor.getType();
            if (!type.isResolved() || !policy.mayConstruct(type.getTypeClass())) {
                checks.error("creating " + type.getName(), exp);
                return exp;
            }
            return runtime("construct", new ClassExpression(type), argsArray(ctor.getArguments()));
        }
        if (exp instanceof PropertyExpression property) {
            return rewriteGet(property);
        }
        if (exp instanceof VariableExpression variable) {
            if (variable.getAccessedVariable() instanceof DynamicVariable) {
                String name = variable.getName();
                if (closureDepth > 0) {
                    return runtime("getInClosure", closureOwner(), closureDelegate(), closureStrategy(), new ConstantExpression(name));
                }
                return runtime("getVariable", new VariableExpression("this"), new ConstantExpression(name));
            }
            if (variable.isSuperExpression()) {
                checks.error("super", exp);
            }
            return variable;
        }
        if (exp instanceof ClassExpression cls) {
            checks.checkType(cls.getType(), exp);
            return exp;
        }
        if (exp instanceof CastExpression cast) {
            checks.checkType(cast.getType(), exp);
            return cast.transformExpression(this);
        }
        if (exp instanceof PrefixExpression || exp instanceof PostfixExpression) {
            Expression operand = exp instanceof PrefixExpression p ? p.getExpression() : ((PostfixExpression) exp).getExpression();
            if (operand instanceof PropertyExpression || isDynamic(operand)
                    || (operand instanceof BinaryExpression b && b.getOperation().getType() == Types.LEFT_SQUARE_BRACKET)) {
                checks.error("++/-- on a property, a subscript or an undeclared variable (write x = x + 1)", exp);
                return exp;
            }
            return exp.transformExpression(this);
        }
        if (exp instanceof RangeExpression) {
            return runtime("range", exp.transformExpression(this));
        }
        if (exp instanceof SpreadMapExpression || exp instanceof SpreadExpression) {
            return exp.transformExpression(this);
        }
        return exp.transformExpression(this);
    }

    private boolean isDynamic(Expression e) {
        return e instanceof VariableExpression v && v.getAccessedVariable() instanceof DynamicVariable;
    }

    private Expression rewriteBinary(BinaryExpression binary) {
        int op = binary.getOperation().getType();
        Expression left = binary.getLeftExpression();
        if (op == Types.LEFT_SQUARE_BRACKET) {
            return runtime("getAt", transform(left), transform(binary.getRightExpression()),
                    bool(binary.isSafe()));
        }
        if (op == Types.ASSIGN || COMPOUND.containsKey(op)) {
            String compound = COMPOUND.get(op);
            Expression value = transform(binary.getRightExpression());
            if (left instanceof AttributeExpression) {
                checks.error("direct field access (.@)", left);
                return binary;
            }
            if (left instanceof PropertyExpression p) {
                if (p.getObjectExpression() instanceof ClassExpression) {
                    checks.error("assigning a static field", left);
                    return binary;
                }
                Expression receiver = receiverOf(p);
                Expression name = nameOf(p.getProperty());
                if (compound == null) {
                    return runtime("setProperty", receiver, name, value, bool(p.isSafe()),
                            bool(p.isSpreadSafe()));
                }
                return runtime("compoundProperty", receiver, name, new ConstantExpression(compound), value,
                        bool(p.isSafe()));
            }
            if (isDynamic(left)) {
                ConstantExpression name = new ConstantExpression(((VariableExpression) left).getName());
                if (closureDepth > 0) {
                    return compound == null
                            ? runtime("setInClosure", closureOwner(), closureDelegate(), closureStrategy(), name, value)
                            : runtime("compoundInClosure", closureOwner(), closureDelegate(), closureStrategy(), name,
                            new ConstantExpression(compound), value);
                }
                return compound == null
                        ? runtime("setVariable", new VariableExpression("this"), name, value)
                        : runtime("compoundVariable", new VariableExpression("this"), name, new ConstantExpression(compound), value);
            }
            if (left instanceof BinaryExpression b && b.getOperation().getType() == Types.LEFT_SQUARE_BRACKET) {
                Expression target = transform(b.getLeftExpression());
                Expression key = transform(b.getRightExpression());
                return compound == null
                        ? runtime("putAt", target, key, value)
                        : runtime("compoundAt", target, key, new ConstantExpression(compound), value);
            }
            if (left instanceof TupleExpression tuple) {
                for (Expression e : tuple.getExpressions()) {
                    if (!(e instanceof VariableExpression) || isDynamic(e)) {
                        checks.error("multiple assignment to anything but declared local variables", left);
                    }
                }
            }
            if (compound != null && GROWING.containsValue(compound) && left instanceof VariableExpression local) {
                // x op= v on a local variable: x = x op v, with the operator checked like any other
                BinaryExpression assign = new BinaryExpression(left, Token.newSymbol(Types.ASSIGN,
                        binary.getOperation().getStartLine(), binary.getOperation().getStartColumn()),
                        runtime("operator", new VariableExpression(local.getAccessedVariable() != null
                                ? local.getAccessedVariable() : local), new ConstantExpression(compound), value));
                assign.setSourcePosition(binary);
                return assign;
            }
            binary.setRightExpression(value);
            return binary;
        }
        String growing = GROWING.get(op);
        if (growing != null) {
            return runtime("operator", transform(left), new ConstantExpression(growing), transform(binary.getRightExpression()));
        }
        if (op == Types.MATCH_REGEX || op == Types.FIND_REGEX) {
            return runtime(op == Types.MATCH_REGEX ? "matchRegex" : "findRegex", transform(left),
                    transform(binary.getRightExpression()));
        }
        binary.setLeftExpression(transform(left));
        binary.setRightExpression(transform(binary.getRightExpression()));
        return binary;
    }

    private Expression rewriteCall(MethodCallExpression call) {
        Expression object = call.getObjectExpression();
        Expression name = nameOf(call.getMethod());
        if (name instanceof ConstantExpression c && SandboxPolicy.FORBIDDEN_NAMES.contains(String.valueOf(c.getValue()))) {
            checks.error("calling " + c.getValue() + "()", call);
            return call;
        }
        if (object instanceof VariableExpression v && v.isSuperExpression()) {
            checks.error("super", call);
            return call;
        }
        if (checks.unresolvedClass(object, call)) {
            return call;
        }
        Expression args = argsArray(call.getArguments());
        if (call.isImplicitThis() && object instanceof VariableExpression v && v.isThisExpression()) {
            if (closureDepth > 0) {
                return runtime("invokeInClosure", closureOwner(), closureDelegate(), closureStrategy(), name, args);
            }
            return runtime("invokeImplicit", new VariableExpression("this"), name, args);
        }
        if (object instanceof ClassExpression cls) {
            ClassNode type = cls.getType();
            if (!type.equals(script)) {
                String method = name instanceof ConstantExpression c ? String.valueOf(c.getValue()) : null;
                boolean ok;
                try {
                    ok = type.isResolved() && method != null && policy.mayCallStatic(type.getTypeClass(), method);
                } catch (RuntimeException | LinkageError e) {
                    ok = false;
                }
                if (!ok) {
                    checks.error("calling " + type.getName() + "." + (method == null ? "<dynamic name>" : method) + "()", call);
                    return call;
                }
            }
            return runtime("invokeStatic", cls, name, args);
        }
        return runtime("invoke", transform(object), name, args, bool(call.isSafe()),
                bool(call.isSpreadSafe()));
    }


    private Expression rewriteGet(PropertyExpression property) {
        if (checks.unresolvedClass(property, property)) {
            return property;
        }
        Expression object = property.getObjectExpression();
        Expression name = nameOf(property.getProperty());
        if (name instanceof ConstantExpression c && SandboxPolicy.FORBIDDEN_NAMES.contains(String.valueOf(c.getValue()))) {
            checks.error("reading '" + c.getValue() + "'", property);
            return property;
        }
        if (object instanceof ClassExpression cls) {
            String member = name instanceof ConstantExpression c ? String.valueOf(c.getValue()) : null;
            boolean ok;
            try {
                ok = cls.getType().isResolved() && member != null && policy.mayCallStatic(cls.getType().getTypeClass(), member);
            } catch (RuntimeException | LinkageError e) {
                ok = false;
            }
            if (!ok) {
                checks.error("reading " + cls.getType().getName() + "." + (member == null ? "<dynamic name>" : member), property);
                return property;
            }
            return runtime("getProperty", cls, name, ConstantExpression.PRIM_FALSE, ConstantExpression.PRIM_FALSE);
        }
        return runtime("getProperty", receiverOf(property), name, bool(property.isSafe()),
                bool(property.isSpreadSafe()));
    }

    /** The receiver of {@code x.y}: {@code this} stays the script; in a closure an implicit this is resolved at run time. */
    private Expression receiverOf(PropertyExpression p) {
        Expression object = p.getObjectExpression();
        if (object instanceof VariableExpression v && v.isSuperExpression()) {
            checks.error("super", p);
        }
        return transform(object);
    }

    private Expression nameOf(Expression name) {
        return name instanceof ConstantExpression ? name : transform(name);
    }

    private Expression argsArray(Expression arguments) {
        List<Expression> values = new ArrayList<>();
        List<Expression> raw = arguments instanceof TupleExpression t ? t.getExpressions() : List.of(arguments);
        for (Expression a : raw) {
            if (a instanceof SpreadExpression || a instanceof SpreadMapExpression) {
                checks.error("spread arguments (*list, *:map) in calls", a);
                continue;
            }
            if (a instanceof NamedArgumentListExpression named) {
                List<MapEntryExpression> entries = new ArrayList<>();
                for (MapEntryExpression e : named.getMapEntryExpressions()) {
                    entries.add(new MapEntryExpression(transform(e.getKeyExpression()), transform(e.getValueExpression())));
                }
                values.add(new MapExpression(entries));
                continue;
            }
            values.add(transform(a));
        }
        return new ArrayExpression(ClassHelper.OBJECT_TYPE, values);
    }

    private Expression closureProperty(String name) {
        // An implicit-this property read inside a closure is compiled against the closure object itself, and
        // Closure answers these three names directly.
        PropertyExpression p = new PropertyExpression(new VariableExpression("this"), name);
        p.setImplicitThis(true);
        return p;
    }

    private Expression closureOwner() {
        return closureProperty("owner");
    }

    private Expression closureDelegate() {
        return closureProperty("delegate");
    }

    private Expression closureStrategy() {
        return closureProperty("resolveStrategy");
    }

    private Expression bool(boolean value) {
        return value ? ConstantExpression.PRIM_TRUE : ConstantExpression.PRIM_FALSE;
    }

    private Expression runtime(String method, Expression... args) {
        MethodCallExpression call = new MethodCallExpression(new ClassExpression(ownerOf(method)), method, new ArgumentListExpression(args));
        call.setImplicitThis(false);
        return call;
    }

    private static ClassNode ownerOf(String runtimeMethod) {
        return switch (runtimeMethod) {
            case "invoke", "invokeImplicit", "invokeInClosure", "invokeStatic", "construct" -> CALLS;
            case "getProperty", "setProperty", "getVariable", "setVariable", "getInClosure", "setInClosure" -> PROPERTIES;
            default -> OPERATORS;
        };
    }
}
