package io.jobrun.dsl.groovy;

import io.jobrun.job.HaltPolicy;
import io.jobrun.job.OptionType;
import io.jobrun.job.OptionValueException;
import io.jobrun.job.Parameters;
import io.jobrun.job.text.Suggestions;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.codehaus.groovy.ast.ClassCodeVisitorSupport;
import org.codehaus.groovy.ast.ClassNode;
import org.codehaus.groovy.ast.DynamicVariable;
import org.codehaus.groovy.ast.MethodNode;
import org.codehaus.groovy.ast.Parameter;
import org.codehaus.groovy.ast.ASTNode;
import org.codehaus.groovy.ast.expr.ArgumentListExpression;
import org.codehaus.groovy.ast.expr.BinaryExpression;
import org.codehaus.groovy.ast.expr.ClosureExpression;
import org.codehaus.groovy.ast.expr.ConstantExpression;
import org.codehaus.groovy.ast.expr.Expression;
import org.codehaus.groovy.ast.expr.ListExpression;
import org.codehaus.groovy.ast.expr.MapEntryExpression;
import org.codehaus.groovy.ast.expr.MapExpression;
import org.codehaus.groovy.ast.expr.MethodCallExpression;
import org.codehaus.groovy.ast.expr.TupleExpression;
import org.codehaus.groovy.ast.expr.VariableExpression;
import org.codehaus.groovy.classgen.GeneratorContext;
import org.codehaus.groovy.control.CompilePhase;
import org.codehaus.groovy.control.SourceUnit;
import org.codehaus.groovy.control.customizers.CompilationCustomizer;
import org.codehaus.groovy.syntax.Types;

/**
 * The compile step of the Groovy front. It finds DSL mistakes with their exact place before anything runs (unknown
 * options, misspelt keywords and names, bad durations) and keeps them aside, so that the loader can list them with
 * the model's own problems; and it wraps each DSL declaration's last argument in
 * {@code __at(line, column, arg)} so that the model records where each element is written.
 *
 * <p>Only the file's top level and the closures given to DSL calls are checked for unknown names: a closure given
 * to any other method may have a delegate that answers names we cannot see.
 */
final class DslCheck extends CompilationCustomizer {
    private final JobFile file;
    /** What the check found: kept aside, not compile errors, so that the model's problems can join them. */
    private final java.util.List<io.jobrun.job.Problem> problems = new java.util.ArrayList<>();
    /** Whether a problem would also break the top level when it runs (an unknown method or name there). */
    private boolean topLevelBroken;

    DslCheck(JobFile file) {
        super(CompilePhase.CANONICALIZATION);
        this.file = file;
    }

    /** Why {@code results} cannot be read where it is: while the file is read, or in a task's callback. */
    static final String RESULTS_BEFORE_TASKS = "results are known when a task runs: use them inside a task, a then or"
            + " a job callback (a task's callback has t.result), or write '${results.NAME}' in single quotes to"
            + " shell(...), which fills it in when the task runs";

    /** Why declaration {@code word} may not be called inside a task's or a callback's code. */
    static String declarationInTaskCode(String word) {
        return word + " declares part of the job and belongs at the top level of the file, not inside a task"
                + (word.equals("executor") ? "; to submit work to a declared pool, keep it at the top level (def io"
                + " = executor 'io', threads(4)) and call io.submit { ... } in the task" : "");
    }

    /** Why {@code kind(...)} may not be called inside a task's or a callback's code. */
    static String bodyInTaskCode(String kind) {
        return kind + "(...) makes a task's body and does not run it: here it is thrown away; give it to a task of"
                + " its own at the top level, task 'name', " + kind + "(...)" + (kind.equals("shell")
                ? ", or as a callback, onFailure shell(...)" : "");
    }

    java.util.List<io.jobrun.job.Problem> problems() {
        return problems;
    }

    boolean topLevelBroken() {
        return topLevelBroken;
    }

    @Override
    public void call(SourceUnit source, GeneratorContext context, ClassNode classNode) {
        if (!classNode.isScript()) {
            return;
        }
        Set<String> methods = new TreeSet<>(file.vocabulary().methods());
        Set<String> declared = new HashSet<>();
        for (MethodNode method : classNode.getMethods()) {
            methods.add(method.getName());
            declared.add(method.getName());
        }
        Set<String> names = new HashSet<>(file.vocabulary().properties());
        classNode.getFields().forEach(field -> names.add(field.getName()));
        AssignedNames assigned = new AssignedNames(source, names);
        assigned.visitClass(classNode);
        Visitor visitor = new Visitor(source, classNode, methods, declared, names, assigned, this, file.vocabulary());
        for (MethodNode method : classNode.getMethods()) {
            visitor.checked.push(method.getName().equals("run") && method.getParameters().length == 0);
            if (method.getCode() != null) {
                method.getCode().visit(visitor);
            }
            visitor.checked.pop();
        }
    }

    /** Names the file assigns without {@code def} (binding variables), which are then known everywhere. */
    /**
     * Names the file assigns without {@code def} (binding variables), which are then known everywhere; and the names
     * it gives executors and tasks as text, {@code executor 'io', ...}, which a user may then write bare,
     * {@code on: io}.
     */
    private static final class AssignedNames extends ClassCodeVisitorSupport {
        private final SourceUnit source;
        private final Set<String> names;
        /** Each name given as text to executor, task or map, with how to write it: "io" to "on: 'io'". */
        final java.util.Map<String, String> named = new java.util.HashMap<>();
        /** The parameters the file declares, {@code params n: 3}: all of them unless {@link #someParamsUnseen}. */
        final Set<String> params = new HashSet<>();
        /** Whether a {@code params} call declares names not written as its own named arguments. */
        boolean someParamsUnseen;

        AssignedNames(SourceUnit source, Set<String> names) {
            this.source = source;
            this.names = names;
        }

        @Override
        public void visitMethodCallExpression(MethodCallExpression call) {
            String word = call.getMethodAsString();
            if ("params".equals(word) && call.isImplicitThis()) {
                declaredParams(call);
            }
            if (word != null && call.isImplicitThis() && List.of("executor", "task", "map").contains(word)) {
                for (Expression argument : Visitor.arguments(call)) {
                    if (argument instanceof ConstantExpression constant
                            && constant.getValue() instanceof String name) {
                        String kind = word.equals("executor") ? "executor" : "task";
                        String option = word.equals("executor") ? "on" : "after";
                        named.putIfAbsent(name, kind + " '" + name + "' is named by text, as in " + option + ": '"
                                + name + "'");
                        break;
                    }
                }
            }
            super.visitMethodCallExpression(call);
        }

        private void declaredParams(MethodCallExpression call) {
            for (Expression argument : Visitor.arguments(call)) {
                if (!(argument instanceof MapExpression map)) {
                    someParamsUnseen = true;
                    continue;
                }
                for (MapEntryExpression entry : map.getMapEntryExpressions()) {
                    if (entry.getKeyExpression() instanceof ConstantExpression key
                            && key.getValue() instanceof String name) {
                        params.add(name);
                    } else {
                        someParamsUnseen = true;
                    }
                }
            }
        }

        @Override
        protected SourceUnit getSourceUnit() {
            return source;
        }

        @Override
        public void visitBinaryExpression(BinaryExpression expression) {
            if (!(expression instanceof org.codehaus.groovy.ast.expr.DeclarationExpression)
                    && expression.getOperation().getText().equals("=")
                    && expression.getLeftExpression() instanceof VariableExpression variable) {
                names.add(variable.getName());
            }
            super.visitBinaryExpression(expression);
        }
    }

    private static final class Visitor extends ClassCodeVisitorSupport {
        private final SourceUnit source;
        private final Set<String> methods;
        /** The methods the file itself declares, which its calls reach before any DSL word of the same name. */
        private final Set<String> declared;
        private final Set<String> names;
        private final DslCheck check;
        private final Vocabulary vocabulary;
        /** Whether unknown names are errors at the current depth. */
        final Deque<Boolean> checked = new ArrayDeque<>();
        /** How many closures deep the visit is; 0 is the top level, which runs while the file is read. */
        private int closureDepth;
        /** How many closures deep the visit is inside one that runs as a task or a callback: 0 outside them. */
        private int taskCodeDepth;
        /** The file's script class, which Groovy names after the file. */
        private final ClassNode scriptClass;
        /** The names the file gives executors, tasks and parameters. */
        private final AssignedNames assigned;

        Visitor(SourceUnit source, ClassNode scriptClass, Set<String> methods, Set<String> declared, Set<String> names,
                AssignedNames assigned, DslCheck check, Vocabulary vocabulary) {
            this.source = source;
            this.scriptClass = scriptClass;
            this.assigned = assigned;
            this.methods = methods;
            this.declared = declared;
            this.names = names;
            this.check = check;
            this.vocabulary = vocabulary;
        }

        @Override
        public void visitClosureExpression(ClosureExpression closure) {
            closureDepth++;
            super.visitClosureExpression(closure);
            closureDepth--;
        }

        @Override
        protected SourceUnit getSourceUnit() {
            return source;
        }

        /**
         * {@code t.status == 'sucess'} would be silently false: a status compared with a text that names none is a
         * mistake to show now, with its place.
         */
        @Override
        public void visitBinaryExpression(BinaryExpression expression) {
            String operator = expression.getOperation().getText();
            if (operator.equals("==") || operator.equals("!=")) {
                checkStatusWord(expression.getLeftExpression(), expression.getRightExpression());
                checkStatusWord(expression.getRightExpression(), expression.getLeftExpression());
            }
            if (Types.isAssignment(expression.getOperation().getType())
                    && expression.getLeftExpression() instanceof VariableExpression variable
                    && JOB_VALUES.containsKey(variable.getName()) && closureDepth == 0 && checked.peek()) {
                // NOTE: def results = [] at the top level is captured by every closure below: results.a reads the list
                error("'" + variable.getName() + "' is " + JOB_VALUES.get(variable.getName()) + ": a variable of that"
                        + " name hides it from the code that follows; give the variable another name", variable);
                expression.getRightExpression().visit(this);
                return;
            }
            String param = paramRead(expression.getLeftExpression());
            if (param != null && Types.isAssignment(expression.getOperation().getType())) {
                // NOTE: Nextflow's way, params.n = 3, failed while the file was read with UnsupportedOperationException
                unknown("a parameter is not assigned: declare it with its default, params " + param + ": ..., and"
                        + " set it with -p " + param + "=... on the command line", expression);
                expression.getRightExpression().visit(this);
                return;
            }
            if (param == null) {
                checkParamRead(paramRead(expression), expression);
            }
            super.visitBinaryExpression(expression);
        }

        @Override
        public void visitPropertyExpression(org.codehaus.groovy.ast.expr.PropertyExpression expression) {
            checkParamRead(paramRead(expression), expression);
            super.visitPropertyExpression(expression);
        }

        /**
         * {@code params.limit} of a parameter the file never declares is null, to fail later or not at all, where
         * {@code ${params.limit}} is refused; so is this, when every parameter the file declares is written out.
         */
        private void checkParamRead(String name, Expression read) {
            if (name != null && checked.peek() && !assigned.someParamsUnseen && !assigned.params.contains(name)) {
                unknown("unknown parameter '" + name + "'" + Parameters.undeclared(name, assigned.params), read);
            }
        }

        /** The name in {@code params.x} or {@code params['x']}, where params is the job's; else null. */
        private static String paramRead(Expression expression) {
            Expression object;
            Expression name;
            if (expression instanceof org.codehaus.groovy.ast.expr.PropertyExpression property) {
                object = property.getObjectExpression();
                name = property.getProperty();
            } else if (expression instanceof BinaryExpression index
                    && index.getOperation().getType() == Types.LEFT_SQUARE_BRACKET) {
                object = index.getLeftExpression();
                name = index.getRightExpression();
            } else {
                return null;
            }
            return object instanceof VariableExpression variable && variable.getName().equals("params")
                    && variable.getAccessedVariable() instanceof DynamicVariable
                    && name instanceof ConstantExpression constant && constant.getValue() instanceof String text
                    ? text : null;
        }

        private void checkStatusWord(Expression status, Expression word) {
            if (status instanceof org.codehaus.groovy.ast.expr.PropertyExpression property
                    && "status".equals(property.getPropertyAsString())
                    && word instanceof ConstantExpression constant && constant.getValue() instanceof String text
                    && !io.jobrun.job.TaskView.STATUSES.contains(text)) {
                error(Suggestions.unknown("task status", text, io.jobrun.job.TaskView.STATUSES), word);
            }
        }

        private void error(String message, ASTNode node) {
            io.jobrun.job.Problem problem = new io.jobrun.job.Problem(new io.jobrun.job.SourcePosition(
                    check.file.displayName(), Math.max(0, node.getLineNumber()), Math.max(0, node.getColumnNumber())),
                    message);
            // NOTE: an Elvis operator, a ?: b, holds its a twice, as the condition and as the value
            if (!check.problems.contains(problem)) {
                check.problems.add(problem);
            }
        }

        /** An unknown method or name: fatal when the top level would run into it while the file is read. */
        private void unknown(String message, ASTNode node) {
            error(message, node);
            if (closureDepth == 0) {
                check.topLevelBroken = true;
            }
        }

        /**
         * The comma before a trailing closure, left out: {@code task 'a' { ... }} calls a method named a, and
         * {@code over: [1, 2] { ... }} calls the list; each would fail as a missing method, far from the mistake.
         */
        private boolean missingComma(MethodCallExpression call) {
            List<Expression> arguments = arguments(call);
            if (arguments.isEmpty() || !(arguments.get(arguments.size() - 1) instanceof ClosureExpression closure)) {
                return false;
            }
            Expression object = call.getObjectExpression();
            boolean value = "call".equals(call.getMethodAsString()) && !call.isImplicitThis()
                    && (object instanceof ListExpression || object instanceof MapExpression
                    || object instanceof ConstantExpression
                    || object instanceof org.codehaus.groovy.ast.expr.GStringExpression
                    || object instanceof org.codehaus.groovy.ast.expr.RangeExpression);
            if (value) {
                unknown("a closure right after a value is given to the value, not to the call: put a comma between them"
                        + " (over: [1, 2], { ... })", closure);
                return true;
            }
            if (call.isImplicitThis() && call.getMethodAsString() != null
                    && quoteWidth(call.getMethod().getLineNumber(), call.getMethod().getColumnNumber()) > 0) {
                unknown("'" + call.getMethodAsString() + "' { ... } calls a method named " + call.getMethodAsString()
                        + ": put a comma between a name and its closure (task '" + call.getMethodAsString()
                        + "', { ... })", call.getMethod());
                return true;
            }
            return false;
        }

        @Override
        public void visitMethodCallExpression(MethodCallExpression call) {
            if (checked.peek() && missingComma(call)) {
                return;
            }
            String name = call.getMethodAsString();
            boolean dsl = name != null && (call.isImplicitThis() || name.equals("then"));
            if (dsl && name.equals("executor")) {
                checkExecutorKind(call);
            }
            if (name != null && call.isImplicitThis() && checked.peek() && !methods.contains(name)
                    && !isUnknownKindReported(call)) {
                unknown("unknown method '" + name + "'" + PythonWords.function(name).orElseGet(() -> hint(name,
                        methods)), call);
            }
            if (dsl) {
                checkOptions(name, call);
                checkConstants(name, call);
                checkTaskCodeCall(name, call);
            }
            call.getObjectExpression().visit(this);
            call.getMethod().visit(this);
            Vocabulary.Word word = dsl ? vocabulary.word(name) : null;
            boolean checksClosures = word != null && word.checksClosure();
            if (word != null && word.closureGets() != null) {
                checkClosureParameters(word, call);
            }
            for (Expression argument : arguments(call)) {
                if (argument instanceof ClosureExpression) {
                    checked.push(checksClosures);
                    taskCodeDepth += checksClosures ? 1 : 0;
                    argument.visit(this);
                    taskCodeDepth -= checksClosures ? 1 : 0;
                    checked.pop();
                } else {
                    argument.visit(this);
                }
            }
            if (word != null && word.positioned()) {
                recordPosition(call);
            }
        }

        /**
         * In {@code results.groovy}, {@code results} names the file's own class (Groovy names a script after its file,
         * and a class comes before a property of the script), so {@code results.fetch} would fail at run time.
         */
        @Override
        public void visitClassExpression(org.codehaus.groovy.ast.expr.ClassExpression expression) {
            String name = scriptClass.getNameWithoutPackage();
            // NOTE: the script's generated main method names the class too, at no line of the file
            if (expression.getType().redirect() == scriptClass && expression.getLineNumber() > 0
                    && vocabulary.properties().contains(name)) {
                error("in a file named " + name + ".groovy, '" + name + "' is the file's own class, not the job's "
                        + name + ": rename the file (" + name + "-job.groovy, say)", expression);
            }
            super.visitClassExpression(expression);
        }

        @Override
        public void visitVariableExpression(VariableExpression variable) {
            if (closureDepth == 0 && checked.peek() && variable.getName().equals("results")
                    && variable.getAccessedVariable() instanceof DynamicVariable) {
                unknown(RESULTS_BEFORE_TASKS, variable); // NOTE: shell("echo ${results.fetch}") at the top level
                return;
            }
            if (checked.peek() && variable.getAccessedVariable() instanceof DynamicVariable
                    && !names.contains(variable.getName())) {
                String name = variable.getName();
                String hint = name.equals("item") ? ITEM_HINT
                        : assigned.named.containsKey(name) ? ": " + assigned.named.get(name)
                        : PythonWords.name(name).orElseGet(() -> hint(name, names));
                unknown("unknown name '" + name + "'" + hint, variable);
            }
        }

        /** The job's callbacks, each with the closure it takes. */
        private static final java.util.Map<String, String> JOB_CALLBACKS = java.util.Map.of("always",
                "{ run -> ... }", "onSuccess", "{ run -> ... }", "onFailure", "{ t -> ... }");
        /** The job's own values that task code reads by name, with how messages name them. */
        private static final java.util.Map<String, String> JOB_VALUES = java.util.Map.of("results",
                "the job's results", "params", "the job's parameters", "env", "the environment tasks see");

        /** {@code shell("echo ${item}")}: Groovy fills a "..." string in as the file is read, before any item. */
        private static final String ITEM_HINT = ": a fan-out's item is the closure's parameter, { item -> ... }, or"
                + " '${item}' in single quotes given to shell(...), which fills it in for each item (Groovy fills a"
                + " \"...\" string in as the file is read)";

        private String hint(String word, Set<String> candidates) {
            String keyword = Suggestions.hintOrSynonym(word, vocabulary.keywords());
            return keyword.isEmpty() ? Suggestions.hint(word, candidates) : keyword;
        }

        /** Calls written as the kind of an {@code executor 'io', KIND(N)} declaration, already reported. */
        private final Set<MethodCallExpression> unknownKinds = java.util.Collections.newSetFromMap(
                new java.util.IdentityHashMap<>());

        /** {@code executor 'io', thread(8)}: the kind is not registered. */
        private void checkExecutorKind(MethodCallExpression call) {
            List<Expression> arguments = arguments(call);
            if (arguments.size() != 2 || !(arguments.get(1) instanceof MethodCallExpression kind)
                    || !kind.isImplicitThis() || kind.getMethodAsString() == null) {
                return;
            }
            String name = kind.getMethodAsString();
            if (vocabulary.kinds().executors().find(name) == null && !methods.contains(name)) {
                unknownKinds.add(kind);
                unknown(vocabulary.kinds().executors().unavailable(name).orElseThrow(), kind);
            }
        }

        /**
         * {@code map 'sum', over: pairs, { a, b -> a + b }} would fail each item at run time with Groovy's words for
         * a closure called with too few values; the closure's own parameters say so now. A parameter with a
         * default value is not needed.
         */
        private void checkClosureParameters(Vocabulary.Word word, MethodCallExpression call) {
            for (Expression argument : arguments(call)) {
                if (argument instanceof ClosureExpression closure) {
                    checkParameters(closure, "the closure given to " + word.name(), word.closureGets());
                } else if (argument instanceof MapExpression map) {
                    for (MapEntryExpression entry : map.getMapEntryExpressions()) {
                        if (entry.getKeyExpression() instanceof ConstantExpression key
                                && Vocabulary.CALLBACK_OPTIONS.contains(key.getValue())
                                && entry.getValueExpression() instanceof ClosureExpression closure) {
                            checkParameters(closure, "the closure given to " + key.getValue(),
                                    Vocabulary.CALLBACK_GETS);
                        }
                    }
                }
            }
        }

        private void checkParameters(ClosureExpression closure, String what, String calledWith) {
            List<String> needed = new java.util.ArrayList<>();
            for (Parameter parameter : closure.isParameterSpecified() ? closure.getParameters() : new Parameter[0]) {
                if (!parameter.hasInitialExpression()) {
                    needed.add(parameter.getName());
                }
            }
            if (needed.size() > 1) {
                error(what + " takes " + needed.size() + " parameters (" + String.join(", ", needed) + "), but it is"
                        + " called with " + calledWith, closure);
            }
        }

        /**
         * What task code may not call, found before it runs: a declaration ({@code task('a') { timeout '5s' }}),
         * and a task kind. {@code task('build') { shell 'make' }} reads well and does nothing: {@code shell(...)}
         * makes a task's body, and inside a task's or a callback's code that body is thrown away, the command never
         * run. The file's own method of the same name is another matter.
         */
        private void checkTaskCodeCall(String name, MethodCallExpression call) {
            if (taskCodeDepth == 0 || !call.isImplicitThis() || declared.contains(name)) {
                return;
            }
            if (Vocabulary.DECLARATIONS.contains(name)) {
                error(declarationInTaskCode(name), call);
            } else if (vocabulary.kinds().tasks().find(name) != null) {
                error(bodyInTaskCode(name), call);
            }
        }

        private boolean isUnknownKindReported(MethodCallExpression call) {
            return unknownKinds.contains(call);
        }

        private void checkOptions(String method, MethodCallExpression call) {
            Vocabulary.Word word = vocabulary.word(method);
            if (word == null || word.options().isEmpty()) {
                return;
            }
            List<String> allowed = word.options();
            String bodyKind = null;
            for (Expression argument : arguments(call)) {
                if (argument instanceof MethodCallExpression body && body.isImplicitThis()
                        && vocabulary.kinds().tasks().find(body.getMethodAsString()) != null) {
                    bodyKind = body.getMethodAsString();
                }
            }
            for (Expression argument : arguments(call)) {
                if (!(argument instanceof MapExpression map)) {
                    continue;
                }
                for (MapEntryExpression entry : map.getMapEntryExpressions()) {
                    if (!(entry.getKeyExpression() instanceof ConstantExpression key)
                            || !(key.getValue() instanceof String option)) {
                        continue;
                    }
                    if (!allowed.contains(option)) {
                        error(vocabulary.unknownOption(method, option, bodyKind), key);
                    } else if (vocabulary.takesDuration(method, option)
                            && entry.getValueExpression() instanceof ConstantExpression value
                            && value.getValue() instanceof String text) {
                        checkDuration(option, text, value);
                    }
                }
            }
        }

        /** {@code timeout '5x'} and {@code halt 'first'} at the top level. */
        private void checkConstants(String method, MethodCallExpression call) {
            List<Expression> arguments = arguments(call);
            if (arguments.size() != 1 || !(arguments.get(0) instanceof ConstantExpression constant)
                    || !(constant.getValue() instanceof String text)) {
                return;
            }
            if (method.equals("timeout")) {
                checkDuration("timeout", text, constant);
            } else if (method.equals("halt")) {
                try {
                    HaltPolicy.parse(text);
                } catch (OptionValueException e) {
                    error(e.getMessage(), constant);
                }
            } else if (JOB_CALLBACKS.containsKey(method)) {
                // NOTE: at run time this is only "does not take arguments (String)", without a column.
                error(method + " takes a closure " + JOB_CALLBACKS.get(method) + " or shell(...), got the text "
                        + io.jobrun.job.text.Excerpt.of(text) + "; to run it as a command: " + method + " shell('...')",
                        constant);
            }
        }

        private void checkDuration(String option, String text, ASTNode node) {
            try {
                OptionType.DURATION.convert(text, option);
            } catch (OptionValueException e) {
                error(e.getMessage(), node);
            }
        }

        private void recordPosition(MethodCallExpression call) {
            ASTNode place = call.isImplicitThis() ? call : call.getMethod();
            List<Expression> arguments = arguments(call);
            if (arguments.isEmpty() || place.getLineNumber() < 1) {
                return;
            }
            ArgumentListExpression wrapped = new ArgumentListExpression();
            for (int i = 0; i < arguments.size() - 1; i++) {
                wrapped.addExpression(arguments.get(i));
            }
            Expression last = arguments.get(arguments.size() - 1);
            if (last instanceof MapExpression map && !(call.getArguments() instanceof ArgumentListExpression)) {
                // named arguments only: Groovy passes them as one map; keep it a map
                last = new MapExpression(map.getMapEntryExpressions());
            }
            MethodCallExpression at = new MethodCallExpression(VariableExpression.THIS_EXPRESSION, "__at",
                    new ArgumentListExpression(List.of(new ConstantExpression(place.getLineNumber()),
                            new ConstantExpression(place.getColumnNumber()), parts(arguments), last)));
            at.setImplicitThis(true);
            at.setSourcePosition(last);
            wrapped.addExpression(at);
            call.setArguments(wrapped);
        }

        /**
         * Where each argument of a DSL call is written, as a list of {@code [path, line, column, exact]}: positional
         * arguments by index ("0", "1"), named ones by name, and the entries of maps and lists under them
         * ("env.CC", "after.1"). A one-line string literal is placed at its first character, so that an offset
         * into its text is a column.
         */
        private ListExpression parts(List<Expression> arguments) {
            ListExpression parts = new ListExpression();
            int index = 0;
            for (Expression argument : arguments) {
                if (argument instanceof MapExpression map) {
                    for (MapEntryExpression entry : map.getMapEntryExpressions()) {
                        if (entry.getKeyExpression() instanceof ConstantExpression key
                                && key.getValue() instanceof String name) {
                            part(parts, name, entry.getValueExpression());
                        }
                    }
                } else {
                    part(parts, String.valueOf(index++), argument);
                }
            }
            return parts;
        }

        private void part(ListExpression parts, String path, Expression value) {
            if (value.getLineNumber() < 1) {
                return;
            }
            int column = value.getColumnNumber();
            boolean exact = false;
            if (value instanceof ConstantExpression constant && constant.getValue() instanceof String
                    && value.getLineNumber() == value.getLastLineNumber()) {
                int quote = quoteWidth(value.getLineNumber(), column);
                exact = quote > 0;
                column += quote;
            }
            parts.addExpression(new ListExpression(List.of(new ConstantExpression(path),
                    new ConstantExpression(value.getLineNumber()), new ConstantExpression(column),
                    new ConstantExpression(exact))));
            boolean worksOut = path.equals("when") && !(value instanceof ConstantExpression);
            if ((value instanceof ClosureExpression || worksOut) && value.getLastLineNumber() > 0) {
                // NOTE: where the closure ends, so that its own text can be cut out for a resume's key; where an
                // expression given to when: ends, so that a skip can say what was false (when: params.deploy).
                parts.addExpression(new ListExpression(List.of(new ConstantExpression(path + SourceText.END),
                        new ConstantExpression(value.getLastLineNumber()),
                        new ConstantExpression(value.getLastColumnNumber()), new ConstantExpression(false))));
            }
            if (value instanceof MapExpression map) {
                for (MapEntryExpression entry : map.getMapEntryExpressions()) {
                    if (entry.getKeyExpression() instanceof ConstantExpression key) {
                        part(parts, path + "." + key.getValue(), entry.getValueExpression());
                    }
                }
            } else if (value instanceof ListExpression list) {
                for (int i = 0; i < list.getExpressions().size(); i++) {
                    part(parts, path + "." + i, list.getExpression(i));
                }
            }
        }

        /** How many characters open the string literal at {@code line}:{@code column}: a quote, or three of them. */
        private int quoteWidth(int line, int column) {
            String text = source.getSource().getLine(line, null);
            if (text == null || column < 1 || column > text.length()) {
                return 0;
            }
            String from = text.substring(column - 1);
            if (from.startsWith("'''") || from.startsWith("\"\"\"")) {
                return 3;
            }
            return from.startsWith("'") || from.startsWith("\"") ? 1 : 0;
        }

        static List<Expression> arguments(MethodCallExpression call) {
            Expression arguments = call.getArguments();
            if (arguments instanceof TupleExpression tuple) {
                return tuple.getExpressions();
            }
            return List.of(arguments);
        }
    }
}
