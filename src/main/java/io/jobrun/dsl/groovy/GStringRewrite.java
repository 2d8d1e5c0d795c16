package io.jobrun.dsl.groovy;

import org.codehaus.groovy.ast.ClassCodeExpressionTransformer;
import org.codehaus.groovy.ast.ClassHelper;
import org.codehaus.groovy.ast.ClassNode;
import org.codehaus.groovy.ast.MethodNode;
import org.codehaus.groovy.ast.expr.ArgumentListExpression;
import org.codehaus.groovy.ast.expr.ArrayExpression;
import org.codehaus.groovy.ast.expr.AttributeExpression;
import org.codehaus.groovy.ast.expr.CastExpression;
import org.codehaus.groovy.ast.expr.ClosureExpression;
import org.codehaus.groovy.ast.expr.ConstantExpression;
import org.codehaus.groovy.ast.expr.ConstructorCallExpression;
import org.codehaus.groovy.ast.expr.DeclarationExpression;
import org.codehaus.groovy.ast.expr.Expression;
import org.codehaus.groovy.ast.expr.GStringExpression;
import org.codehaus.groovy.ast.expr.MethodCallExpression;
import org.codehaus.groovy.ast.expr.PropertyExpression;
import org.codehaus.groovy.ast.expr.VariableExpression;
import org.codehaus.groovy.ast.stmt.ReturnStatement;
import org.codehaus.groovy.classgen.GeneratorContext;
import org.codehaus.groovy.classgen.ReturnAdder;
import org.codehaus.groovy.control.CompilePhase;
import org.codehaus.groovy.control.SourceUnit;
import org.codehaus.groovy.control.customizers.CompilationCustomizer;

/**
 * Makes each {@code "...${...}..."} of a job file a {@link PlainGString}, which formats plain values without Groovy's
 * formatter (see there why), and one that becomes text at once where the code says so (a method declared to return
 * {@code String}, {@code String s = "..."}, {@code as String}) its text, as Groovy's cast to {@code String} would make
 * it with that formatter. A dynamic name ({@code this."$name"()}, {@code map."$key"}) stays Groovy's own: the compiler
 * reads it as a name. After {@link DslCheck}, which reads the strings as written.
 */
final class GStringRewrite extends CompilationCustomizer {
    private static final ClassNode PLAIN = ClassHelper.make(PlainGString.class);

    GStringRewrite() {
        super(CompilePhase.CANONICALIZATION);
    }

    @Override
    public void call(SourceUnit source, GeneratorContext context, ClassNode classNode) {
        new Rewriter(source).visitClass(classNode);
    }

    private static final class Rewriter extends ClassCodeExpressionTransformer {
        private final SourceUnit source;
        /** Whether a return here gives text: in a method declared to return String, outside its closures. */
        private boolean returnsText;

        Rewriter(SourceUnit source) {
            this.source = source;
        }

        @Override
        protected SourceUnit getSourceUnit() {
            return source;
        }

        @Override
        public void visitMethod(MethodNode method) {
            boolean text = method.getReturnType().equals(ClassHelper.STRING_TYPE) && !method.isAbstract();
            if (text) {
                // NOTE: the returns the compiler would add later, made now, so that each can be made text
                new ReturnAdder().visitMethod(method);
            }
            returnsText = text;
            super.visitMethod(method);
            returnsText = false;
        }

        @Override
        public void visitReturnStatement(ReturnStatement statement) {
            Expression value = transform(statement.getExpression());
            statement.setExpression(returnsText ? asText(value) : value);
        }

        @Override
        public Expression transform(Expression expression) {
            if (expression instanceof GStringExpression string) {
                return plain(string);
            }
            if (expression instanceof ClosureExpression closure) {
                boolean outer = returnsText;
                returnsText = false;
                closure.getCode().visit(this); // NOTE: a closure's own transform leaves its code as it is
                returnsText = outer;
                return closure;
            }
            if (expression instanceof DeclarationExpression declaration
                    && declaration.getLeftExpression() instanceof VariableExpression variable
                    && variable.getOriginType().equals(ClassHelper.STRING_TYPE)) {
                declaration.setRightExpression(asText(transform(declaration.getRightExpression())));
                return declaration;
            }
            if (expression instanceof CastExpression cast && cast.getType().equals(ClassHelper.STRING_TYPE)
                    && cast.getExpression() instanceof GStringExpression string) {
                return asText(plain(string));
            }
            if (expression instanceof MethodCallExpression call && call.getMethod() instanceof GStringExpression) {
                call.setObjectExpression(transform(call.getObjectExpression()));
                call.setArguments(transform(call.getArguments()));
                return call;
            }
            if (expression instanceof PropertyExpression property && !(property instanceof AttributeExpression)
                    && property.getProperty() instanceof GStringExpression) {
                property.setObjectExpression(transform(property.getObjectExpression()));
                return property;
            }
            return super.transform(expression);
        }

        private Expression plain(GStringExpression string) {
            ArrayExpression strings = new ArrayExpression(ClassHelper.STRING_TYPE, string.getStrings().stream()
                    .map(part -> (Expression) new ConstantExpression(part.getValue())).toList());
            ArrayExpression values = new ArrayExpression(ClassHelper.OBJECT_TYPE,
                    string.getValues().stream().map(this::transform).toList());
            ConstructorCallExpression made = new ConstructorCallExpression(PLAIN,
                    new ArgumentListExpression(values, strings));
            made.setSourcePosition(string);
            return made;
        }

        /** {@code value}'s text, when it is a string with values; {@code value} as it is otherwise. */
        private static Expression asText(Expression value) {
            if (!(value instanceof ConstructorCallExpression made) || !made.getType().equals(PLAIN)) {
                return value;
            }
            MethodCallExpression text = new MethodCallExpression(made, "toString", ArgumentListExpression.EMPTY_ARGUMENTS);
            text.setSourcePosition(made);
            return text;
        }
    }
}
