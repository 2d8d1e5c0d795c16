package io.jobrun.dsl.groovy;

import groovy.lang.GroovyClassLoader;
import java.util.LinkedHashMap;
import java.util.Map;
import org.codehaus.groovy.ast.ClassNode;
import org.codehaus.groovy.control.CompilationUnit;
import org.codehaus.groovy.control.CompilerConfiguration;
import org.codehaus.groovy.control.SourceUnit;

/**
 * The class files Groovy generates for a job file, kept as it compiles, so that a worker process, or the next run of
 * an unchanged file ({@link CompiledFileCache}), can define the same classes from their bytes instead of compiling
 * the file again: a cold Groovy compile costs a second or two.
 */
final class CompiledClasses {
    private CompiledClasses() {
    }

    /** A class loader that knows the class files of the job file it holds. */
    private interface ClassFiles {
        Map<String, byte[]> classFiles();
    }

    /** Compiles like a {@link GroovyClassLoader} and remembers the bytes of every class it defines. */
    static final class RecordingLoader extends GroovyClassLoader implements ClassFiles {
        /** Class name to class file, in the order they were generated. Written during the one compile. */
        private final Map<String, byte[]> generated = new LinkedHashMap<>();

        RecordingLoader(ClassLoader parent, CompilerConfiguration config) {
            super(parent, config);
        }

        @Override
        protected ClassCollector createCollector(CompilationUnit unit, SourceUnit source) {
            return new ClassCollector(new InnerLoader(this), unit, source) {
                @Override
                protected Class createClass(byte[] code, ClassNode classNode) {
                    synchronized (generated) {
                        generated.put(classNode.getName(), code);
                    }
                    return super.createClass(code, classNode);
                }
            };
        }

        @Override
        public Map<String, byte[]> classFiles() {
            synchronized (generated) {
                return Map.copyOf(generated);
            }
        }
    }

    /** The class files of the job file {@code scriptClass} was compiled from. */
    static Map<String, byte[]> of(Class<?> scriptClass) {
        for (ClassLoader loader = scriptClass.getClassLoader(); loader != null; loader = loader.getParent()) {
            if (loader instanceof ClassFiles files) {
                return files.classFiles();
            }
        }
        throw new IllegalStateException(scriptClass.getName() + " was not compiled by the job-file loader");
    }

    /** The script class of a job file compiled earlier, its classes defined from {@code compiled}. */
    static Class<?> define(CompiledFileCache.Compiled compiled) {
        try {
            return Class.forName(compiled.scriptClassName(), false,
                    new DefiningLoader(JobScript.class.getClassLoader(), compiled.classes()));
        } catch (ClassNotFoundException impossible) {
            throw new IllegalStateException("a kept job file without its script class", impossible);
        }
    }

    /** Defines a job file's classes from their class files, each when first needed (in a worker, or from the cache). */
    static final class DefiningLoader extends ClassLoader implements ClassFiles {
        private final Map<String, byte[]> classes;

        DefiningLoader(ClassLoader parent, Map<String, byte[]> classes) {
            super(parent);
            this.classes = classes;
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            byte[] code = classes.get(name);
            if (code == null) {
                throw new ClassNotFoundException(name);
            }
            return defineClass(name, code, 0, code.length);
        }

        @Override
        public Map<String, byte[]> classFiles() {
            return classes;
        }
    }
}
