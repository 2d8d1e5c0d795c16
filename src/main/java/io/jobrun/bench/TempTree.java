package io.jobrun.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** A temporary folder a benchmark writes into (job files, reports, journals: hundreds of MB), removed when closed. */
final class TempTree implements AutoCloseable {
    final Path root;

    TempTree(String prefix) throws IOException {
        this.root = Files.createTempDirectory(prefix);
    }

    @Override
    public void close() throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
