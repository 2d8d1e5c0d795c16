package io.jobrun.task;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/** Reads one pipe of a child process to its end on a thread of its own, keeping the text and a shared tail. */
final class OutputCapture {
    /** Keep at most this much of each stream; a chatty command must not fill the heap. */
    private static final int MAX_CHARS = 1 << 20;

    private final StringBuilder text = new StringBuilder();
    private final Thread reader;

    OutputCapture(InputStream stream, Deque<String> tail, int tailLines, String name) {
        // NOTE: drain the pipe or the child blocks once the OS pipe buffer (64 KiB on Linux) is full.
        reader = Thread.ofVirtual().name(name).start(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    synchronized (text) {
                        if (text.length() < MAX_CHARS) {
                            text.append(line).append('\n');
                        }
                    }
                    synchronized (tail) {
                        tail.addLast(line);
                        if (tail.size() > tailLines) {
                            tail.removeFirst();
                        }
                    }
                }
            } catch (IOException e) {
                // the stream closes when the process is killed; what was read so far stays
            }
        });
    }

    String awaitText() throws InterruptedException {
        reader.join();
        synchronized (text) {
            return text.toString();
        }
    }

    static List<String> snapshot(Deque<String> tail) {
        synchronized (tail) {
            return new ArrayList<>(tail);
        }
    }

    static Deque<String> newTail() {
        return new ArrayDeque<>();
    }
}
