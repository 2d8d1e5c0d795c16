package io.jobrun.dsl.groovy;

import javax.lang.model.SourceVersion;
import org.codehaus.groovy.ast.ClassNode;
import org.codehaus.groovy.classgen.GeneratorContext;
import org.codehaus.groovy.control.CompilePhase;
import org.codehaus.groovy.control.SourceUnit;
import org.codehaus.groovy.control.customizers.CompilationCustomizer;

/**
 * Gives a job file's script class a name the JVM takes when the file's own name is a Java keyword: Groovy names the
 * class after the file, and a class named {@code int} or {@code long} (a file {@code jobs/long.groovy}) compiles to
 * bytecode the JVM refuses with a {@link VerifyError}. The file's name stays what stack frames carry.
 */
final class ScriptClassName extends CompilationCustomizer {
    ScriptClassName() {
        super(CompilePhase.CONVERSION);
    }

    @Override
    public void call(SourceUnit source, GeneratorContext context, ClassNode classNode) {
        if (classNode.isScript() && SourceVersion.isKeyword(classNode.getName())) {
            classNode.setName(classNode.getName() + "_job");
        }
    }
}
