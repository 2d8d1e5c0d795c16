package io.jobrun.journal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.function.Consumer;

/**
 * Results too large for a journal line, each in a file of its own named after its SHA-256 ({@code results/<sha>.json}),
 * so that equal results are stored once. Written by the journal's listener thread only.
 */
final class ResultFiles {
    /** A result whose JSON is longer than this goes to a file of its own. */
    static final int INLINE_LIMIT = 64 * 1024;

    private final Path directory;
    private final Consumer<String> onFailure;
    private String failure;

    ResultFiles(Path directory, Consumer<String> onFailure) {
        this.directory = directory;
        this.onFailure = onFailure;
    }

    /** Stores {@code json} as {@code sha}; returns the name the journal line gives. */
    String store(String sha, String json) {
        Path target = directory.resolve(sha + ".json");
        if (Files.exists(target)) {
            return target.getFileName().toString();
        }
        try {
            Files.createDirectories(directory);
            Path temporary = Files.createTempFile(directory, sha, ".tmp");
            Files.writeString(temporary, json);
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            if (failure == null) {
                failure = "cannot store a result in " + directory + ": " + e.getMessage();
                onFailure.accept(failure);
            }
        }
        return target.getFileName().toString();
    }

    static String read(Path directory, String name) throws IOException {
        return Files.readString(directory.resolve(name));
    }

    String failure() {
        return failure;
    }
}
