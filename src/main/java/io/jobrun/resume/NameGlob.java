package io.jobrun.resume;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Instance names as {@code --rerun} and {@code --mark-ok} give them: {@code *} is any run of characters and {@code ?}
 * one character; everything else, brackets included, stands for itself, so {@code analyze[a.txt]} names that item and
 * {@code analyze[*]} every item. A pattern matches a task's name or an instance's name.
 */
public record NameGlob(List<String> patterns) {
    public NameGlob {
        patterns = List.copyOf(patterns);
    }

    public boolean matches(String task, String instance) {
        for (String pattern : patterns) {
            Pattern regex = regex(pattern);
            if (regex.matcher(task).matches() || regex.matcher(instance).matches()) {
                return true;
            }
        }
        return false;
    }

    public boolean isEmpty() {
        return patterns.isEmpty();
    }

    private static Pattern regex(String glob) {
        StringBuilder regex = new StringBuilder();
        for (String piece : glob.split("(?=[*?])|(?<=[*?])")) {
            regex.append(switch (piece) {
                case "*" -> ".*";
                case "?" -> ".";
                default -> Pattern.quote(piece);
            });
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }
}
