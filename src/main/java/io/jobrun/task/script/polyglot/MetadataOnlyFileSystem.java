package io.jobrun.task.script.polyglot;

import java.io.IOException;
import java.net.URI;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AccessMode;
import java.nio.file.DirectoryStream;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.util.Map;
import java.util.Set;
import org.graalvm.polyglot.io.FileSystem;

/**
 * The host file system as a script granted {@code processes} but not {@code files} sees it: paths, the working
 * directory and metadata (does this file exist, may it be executed), which GraalPy needs to start a process, but no
 * file's content and no change to any. (The processes it starts are not sandboxed: a process may read what it likes.)
 */
final class MetadataOnlyFileSystem implements FileSystem {
    private final FileSystem host = FileSystem.newDefaultFileSystem();

    /** The file system for a context: this one, plus the languages' own files, which every context may read. */
    static FileSystem forContexts() {
        return FileSystem.allowInternalResourceAccess(FileSystem.allowLanguageHomeAccess(new MetadataOnlyFileSystem()));
    }

    @Override
    public Path parsePath(URI uri) {
        return host.parsePath(uri);
    }

    @Override
    public Path parsePath(String path) {
        return host.parsePath(path);
    }

    @Override
    public void checkAccess(Path path, Set<? extends AccessMode> modes, LinkOption... options) throws IOException {
        host.checkAccess(path, modes, options);
    }

    @Override
    public Path toAbsolutePath(Path path) {
        return host.toAbsolutePath(path);
    }

    @Override
    public Path toRealPath(Path path, LinkOption... options) throws IOException {
        return host.toRealPath(path, options);
    }

    @Override
    public Map<String, Object> readAttributes(Path path, String attributes, LinkOption... options)
            throws IOException {
        return host.readAttributes(path, attributes, options);
    }

    @Override
    public Path readSymbolicLink(Path link) throws IOException {
        return host.readSymbolicLink(link);
    }

    @Override
    public void setCurrentWorkingDirectory(Path directory) {
        host.setCurrentWorkingDirectory(directory);
    }

    @Override
    public SeekableByteChannel newByteChannel(Path path, Set<? extends OpenOption> options,
                                              FileAttribute<?>... attributes) {
        throw refused(path);
    }

    @Override
    public DirectoryStream<Path> newDirectoryStream(Path directory, DirectoryStream.Filter<? super Path> filter) {
        throw refused(directory);
    }

    @Override
    public void createDirectory(Path directory, FileAttribute<?>... attributes) {
        throw refused(directory);
    }

    @Override
    public void delete(Path path) {
        throw refused(path);
    }

    @Override
    public void setAttribute(Path path, String attribute, Object value, LinkOption... options) {
        throw refused(path);
    }

    @Override
    public void copy(Path source, Path target, java.nio.file.CopyOption... options) {
        throw refused(target);
    }

    @Override
    public void move(Path source, Path target, java.nio.file.CopyOption... options) {
        throw refused(target);
    }

    @Override
    public void createLink(Path link, Path existing) {
        throw refused(link);
    }

    @Override
    public void createSymbolicLink(Path link, Path target, FileAttribute<?>... attributes) {
        throw refused(link);
    }

    private static SecurityException refused(Path path) {
        return new SecurityException("reading or changing files needs allow: [files] (" + path + ")");
    }
}
