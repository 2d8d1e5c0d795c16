package io.jobrun.futures.process;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.NotSerializableException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.lang.invoke.SerializedLambda;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Java serialization with a manifest: the writer records every class it puts in the stream, and the reader accepts
 * exactly those classes and nothing else.
 *
 * <p>Why: a plain {@link ObjectInputStream} instantiates any serializable class on the class path that a stream
 * names. Here a stream may only name the classes its own sender wrote, so a frame cannot smuggle in a gadget class
 * it did not declare. The manifest travels first: {@code int count, count x UTF name, int length, stream bytes}.
 * This guards the format, not against a hostile sender, which could declare what it likes: both ends of a pool run
 * the same trusted code.
 *
 * <p>Public for code that ships values of classes a class loader of its own defines (a job file's compiled classes):
 * it serializes them into a byte array, which travels inside a task, and reads them back with that loader.
 */
public final class FilteredSerialization {
    /** Deeper object graphs than this are refused; a corrupt stream should fail fast, not overflow the stack. */
    private static final long MAX_DEPTH = 2_000;
    private static final int MAX_MANIFEST = 10_000;
    private static final String LAMBDA = "lambda:";
    private static final String LAMBDA_MARK = "$$Lambda";
    /**
     * Serial forms whose {@code readResolve} returns an object of another class, which the reader's filter checks
     * too: {@code List.of(...)} travels as a CollSer, {@code Collections.unmodifiableList(arrayList)} as an
     * UnmodifiableList.
     */
    private static final Map<String, List<String>> RESOLVES_TO = Map.of(
            "java.util.CollSer", Stream.of("ListN", "List12", "SetN", "Set12", "MapN", "Map1")
                    .map(name -> "java.util.ImmutableCollections$" + name).toList(),
            "java.util.Collections$UnmodifiableList", List.of("java.util.Collections$UnmodifiableRandomAccessList"),
            "java.util.Collections$SynchronizedList", List.of("java.util.Collections$SynchronizedRandomAccessList"));

    private FilteredSerialization() {
    }

    /**
     * Serializes {@code value} with its manifest.
     *
     * @throws TaskSerializationException naming the class that could not be serialized
     */
    public static byte[] serialize(Object value, String what) {
        ByteArrayOutputStream stream = new ByteArrayOutputStream(256);
        Set<String> manifest;
        try (RecordingOutputStream out = new RecordingOutputStream(stream)) {
            out.writeObject(value);
            out.flush();
            manifest = out.classes;
        } catch (NotSerializableException e) {
            throw new TaskSerializationException(what + " cannot be serialized: " + describeClass(e.getMessage())
                    + " is not Serializable", e);
        } catch (IOException | RuntimeException e) {
            throw new TaskSerializationException(what + " cannot be serialized: " + e, e);
        }
        ByteArrayOutputStream framed = new ByteArrayOutputStream(stream.size() + 32 * manifest.size() + 8);
        try (DataOutputStream out = new DataOutputStream(framed)) {
            out.writeInt(manifest.size());
            for (String name : manifest) {
                out.writeUTF(name);
            }
            out.writeInt(stream.size());
            stream.writeTo(out);
        } catch (IOException impossible) {
            throw new IllegalStateException(impossible);
        }
        return framed.toByteArray();
    }

    /** "class Foo", or for a lambda "a lambda in class Foo" (its generated class name means nothing to a reader). */
    static String describeClass(String className) {
        int lambda = className == null ? -1 : className.indexOf(LAMBDA_MARK);
        if (lambda > 0) {
            return "a non-serializable lambda created in class " + className.substring(0, lambda)
                    + " (give it a Serializable target type, such as Task or TaskFunction)";
        }
        return "class " + className;
    }

    /**
     * Reads a value written by {@link #serialize}, accepting only the classes in its manifest.
     *
     * @throws IOException when the bytes are not such a value, or name a class outside the manifest
     * @throws ClassNotFoundException when a manifest class is not on this JVM's class path
     */
    static Object deserialize(byte[] bytes) throws IOException, ClassNotFoundException {
        return deserialize(bytes, null);
    }

    /**
     * Like {@link #deserialize(byte[])}, resolving the stream's classes with {@code loader} (null for the usual
     * resolution), as a reader of values whose classes that loader defines must.
     */
    public static Object deserialize(byte[] bytes, ClassLoader loader) throws IOException, ClassNotFoundException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
        int count = in.readInt();
        if (count < 0 || count > MAX_MANIFEST) {
            throw new InvalidClassException("corrupt manifest: " + count + " classes");
        }
        Set<String> allowed = new LinkedHashSet<>(count * 2);
        for (int i = 0; i < count; i++) {
            allowed.add(in.readUTF());
        }
        int length = in.readInt();
        ManifestFilter filter = new ManifestFilter(allowed, length, new String[1]);
        try (ObjectInputStream objects = loader == null ? new ObjectInputStream(in) : new LoaderInputStream(in, loader)) {
            objects.setObjectInputFilter(filter);
            return objects.readObject();
        } catch (InvalidClassException rejected) {
            if (filter.rejected()[0] == null) {
                throw rejected;
            }
            InvalidClassException named = new InvalidClassException(filter.rejected()[0],
                    "refused: the stream names a class its sender did not declare in its manifest");
            named.initCause(rejected);
            throw named;
        }
    }

    /** Resolves classes with one class loader; arrays and primitives as usual. */
    private static final class LoaderInputStream extends ObjectInputStream {
        private final ClassLoader loader;

        LoaderInputStream(DataInputStream in, ClassLoader loader) throws IOException {
            super(in);
            this.loader = loader;
        }

        @Override
        protected Class<?> resolveClass(java.io.ObjectStreamClass descriptor) throws IOException, ClassNotFoundException {
            try {
                return Class.forName(descriptor.getName(), false, loader);
            } catch (ClassNotFoundException notThere) {
                return super.resolveClass(descriptor); // NOTE: primitives' descriptors ("int") are not classes
            }
        }
    }

    /** Records the name of every class whose descriptor is written. */
    private static final class RecordingOutputStream extends ObjectOutputStream {
        final Set<String> classes = new LinkedHashSet<>();

        RecordingOutputStream(ByteArrayOutputStream out) throws IOException {
            super(out);
            enableReplaceObject(true);
        }

        /**
         * A serializable lambda travels as a {@link SerializedLambda} and is resolved on arrival to a hidden class
         * of its capturing class, which the reader's filter sees too; declare it as {@code lambda:CapturingClass}.
         */
        @Override
        protected Object replaceObject(Object value) {
            if (value instanceof SerializedLambda lambda) {
                classes.add(LAMBDA + lambda.getCapturingClass().replace('/', '.'));
            }
            return value;
        }

        @Override
        protected void annotateClass(Class<?> type) {
            while (type.isArray()) {
                type = type.getComponentType();
            }
            if (!type.isPrimitive()) {
                classes.add(type.getName());
                classes.addAll(RESOLVES_TO.getOrDefault(type.getName(), List.of()));
            }
        }
    }

    /**
     * Allows the classes of one manifest, arrays of them, primitives, and the sizes of arrays of any type; rejects the
     * rest, proxies included.
     */
    private record ManifestFilter(Set<String> allowed, long maxBytes, String[] rejected) implements ObjectInputFilter {
        @Override
        public Status checkInput(FilterInfo info) {
            if (info.depth() > MAX_DEPTH || info.streamBytes() > maxBytes + 16) {
                rejected[0] = "(limits: depth " + info.depth() + ", bytes " + info.streamBytes() + ")";
                return Status.REJECTED;
            }
            Class<?> type = info.serialClass();
            if (type == null) {
                return Status.UNDECIDED;
            }
            if (type.isArray() && info.arrayLength() >= 0) {
                // NOTE: an array's type creates nothing by itself (each element is checked as it is read), and
                // HashMap and the immutable collections check the size of arrays they never write (Map.Entry[]).
                return Status.ALLOWED;
            }
            while (type.isArray()) {
                type = type.getComponentType();
            }
            if (type.isPrimitive() || allowed.contains(type.getName())) {
                return Status.ALLOWED;
            }
            int lambda = type.getName().indexOf(LAMBDA_MARK);
            if (type.isHidden() && lambda > 0 && allowed.contains(LAMBDA + type.getName().substring(0, lambda))) {
                return Status.ALLOWED;
            }
            rejected[0] = type.getName();
            return Status.REJECTED;
        }
    }
}
