package io.jobrun.dsl.groovy;

import io.jobrun.job.Problem;
import io.jobrun.job.SourcePosition;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.codehaus.groovy.ast.AnnotatedNode;
import org.codehaus.groovy.ast.AnnotationNode;
import org.codehaus.groovy.ast.ClassCodeVisitorSupport;
import org.codehaus.groovy.ast.ClassNode;
import org.codehaus.groovy.ast.ImportNode;
import org.codehaus.groovy.ast.ModuleNode;
import org.codehaus.groovy.classgen.GeneratorContext;
import org.codehaus.groovy.control.CompilePhase;
import org.codehaus.groovy.control.SourceUnit;
import org.codehaus.groovy.control.customizers.CompilationCustomizer;

/**
 * Finds Groovy's dependency annotations ({@code @Grab} and its kin) in a job file, which jobrun does not honour: it
 * downloads nothing while it reads a file (Groovy's Grape needs Ivy, which is not on the class path, and would fetch
 * from the network in the middle of a run). Their transformation is switched off ({@link #TRANSFORMATION}); without
 * this check the file would fail on the import the annotation was meant to make work, saying nothing of why.
 * Runs before the compiler resolves names, so its problems are there when resolving fails.
 */
final class GrabCheck extends CompilationCustomizer {
    /** Groovy's global transformation that would load Ivy for {@code @Grab}. */
    static final String TRANSFORMATION = "groovy.grape.GrabAnnotationTransformation";
    private static final Set<String> ANNOTATIONS = Set.of("Grab", "Grapes", "GrabResolver", "GrabConfig",
            "GrabExclude");

    private final JobFile file;
    /** A set: the annotations of an import are also the script class's, and seen there again. */
    private final java.util.Set<Problem> problems = new java.util.LinkedHashSet<>();
    private boolean importsChecked;

    GrabCheck(JobFile file) {
        super(CompilePhase.CONVERSION);
        this.file = file;
    }

    List<Problem> problems() {
        return List.copyOf(problems);
    }

    @Override
    public void call(SourceUnit source, GeneratorContext context, ClassNode classNode) {
        if (!importsChecked) {
            importsChecked = true;
            ModuleNode module = source.getAST();
            List<ImportNode> imports = new ArrayList<>(module.getImports());
            imports.addAll(module.getStarImports());
            imports.addAll(module.getStaticImports().values());
            imports.addAll(module.getStaticStarImports().values());
            imports.forEach(this::check);
        }
        new ClassCodeVisitorSupport() {
            @Override
            protected SourceUnit getSourceUnit() {
                return source;
            }

            @Override
            public void visitAnnotations(AnnotatedNode node) {
                check(node);
                super.visitAnnotations(node);
            }
        }.visitClass(classNode);
    }

    private void check(AnnotatedNode node) {
        for (AnnotationNode annotation : node.getAnnotations()) {
            String name = annotation.getClassNode().getNameWithoutPackage();
            if (ANNOTATIONS.contains(name)) {
                problems.add(new Problem(new SourcePosition(file.displayName(),
                        Math.max(0, annotation.getLineNumber()), Math.max(0, annotation.getColumnNumber())),
                        "@" + name + " is not supported: jobrun downloads no libraries for a job file; its code may use"
                                + " the JDK and Groovy with its json, xml and templates modules, and a shell task may"
                                + " run any program"));
            }
        }
    }
}
