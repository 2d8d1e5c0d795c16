package io.jobrun.task.script.polyglot;

import io.jobrun.futures.CancelledException;
import io.jobrun.futures.FutureTimeoutException;
import io.jobrun.futures.TimeLimits;
import io.jobrun.task.script.Script;
import io.jobrun.task.script.ScriptException;
import io.jobrun.task.script.ScriptSource;
import java.time.Duration;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.SourceSection;
import org.graalvm.polyglot.Value;

/** Turns what a failing script threw into what a jobrun user reads: no Truffle stack, the line they wrote. */
final class GuestErrors {
    private GuestErrors() {
    }

    /** The exception for a script whose watchdog cancelled it. */
    static RuntimeException cancelled(Execution.State reason, Duration timeLimit) {
        if (reason == Execution.State.TIMED_OUT) {
            return new FutureTimeoutException("script exceeded its time limit of " + TimeLimits.describe(timeLimit));
        }
        return new CancelledException("script cancelled: its worker thread was interrupted (a time limit, a shutdown"
                + " or Ctrl-C)");
    }

    /** The exception for a {@link PolyglotException} from a script that was not cancelled. */
    static RuntimeException translate(PolyglotException e, Script script, String sourceName) {
        if (e.isHostException()) {
            Throwable host = e.asHostException();
            return host instanceof RuntimeException runtime ? runtime
                    : new IllegalStateException("a script's call into jobrun failed: " + host, host);
        }
        String refused = refusedFeature(e);
        if (refused != null) {
            ScriptSource source = script.source();
            int line = scriptLine(e, sourceName);
            return new ScriptException(script.language(), refused, source.origin(), line > 0
                    ? source.originLine(line) : 0);
        }
        if (e.isInternalError()) {
            IllegalStateException internal = new IllegalStateException(script.language().displayName()
                    + " runtime failed inside GraalVM (not the script's fault): " + e.getMessage(), e);
            return internal;
        }
        String message;
        if (e.isExit()) {
            message = "the script exited with status " + e.getExitStatus();
        } else if (e.isResourceExhausted()) {
            message = "out of resources: " + e.getMessage();
        } else if (e.isSyntaxError()) {
            // NOTE: the hint goes on the first line; JavaScript's lines under it show the code with a caret
            String[] lines = withoutSourceName(String.valueOf(e.getMessage())).stripTrailing().split("\n", 2);
            message = "syntax error: " + lines[0] + syntaxHint(lines[0]) + (lines.length > 1 ? "\n" + lines[1] : "");
        } else {
            message = e.getMessage();
        }
        ScriptSource source = script.source();
        int line = scriptLine(e, sourceName);
        return new ScriptException(script.language(), message, source.origin(),
                line > 0 ? source.originLine(line) : 0);
    }

    /**
     * What to do about a syntax error that comes from writing a script as a function body: {@code return x} at the
     * top level of a Python script (JavaScript allows no top-level return either), where the value is the last
     * expression's.
     */
    private static String syntaxHint(String message) {
        return message.contains("'return' outside function") || message.contains("Invalid return statement")
                ? "; a script's result is the value of its last line: write x there instead of return x, or put the"
                        + " code in a function and name it with call:"
                : "";
    }

    /**
     * The message without GraalVM's name of our source, Python's "(job.yaml@14, line 2)" and JavaScript's
     * "job.yaml@9:2:0 ": the problem's place says where, in the job file's lines.
     */
    private static String withoutSourceName(String message) {
        return message.replaceAll("\\s*\\([^()]*?@\\d+, line \\d+\\)", "").replaceAll("\\S*@\\d+:\\d+:\\d+ ", "");
    }

    /** The operating-system calls GraalPy makes for sockets, which it refuses without the network grant. */
    private static final java.util.Set<String> SOCKET_CALLS = java.util.Set.of("getaddrinfo", "getnameinfo",
            "socket", "connect", "bind", "listen", "accept", "gethostname", "gethostbyname", "gethostbyaddr");

    /**
     * What to say of a call the sandbox left out ("getaddrinfo was excluded"): GraalPy reports it as an internal
     * error, though it is the script asking for an access its task was not granted; null for any other error.
     */
    private static String refusedFeature(PolyglotException e) {
        String message = String.valueOf(e.getMessage());
        java.util.regex.Matcher excluded = java.util.regex.Pattern.compile("UnsupportedPosixFeatureException: (\\w+) "
                + "was excluded").matcher(message);
        if (!excluded.find()) {
            return null;
        }
        String call = excluded.group(1);
        String why = call.equals("select") || call.equals("poll")
                ? "GraalPy offers it only with allow: [network]; to read a process's output without it, send stderr "
                        + "to stdout: stderr=subprocess.STDOUT"
                : SOCKET_CALLS.contains(call) ? "network connections need allow: [network]" : "see allow: in dsl/README.md";
        return "'" + call + "' is not allowed in this task's sandbox (" + why + ")";
    }

    /**
     * The line in our own source where the error happened: the innermost stack frame in it, else the error's own
     * location (a syntax error has no frames); 0 if neither is in our source. Why frames first: for Python the
     * error's location can be the whole module, starting at line 1.
     */
    private static int scriptLine(PolyglotException e, String sourceName) {
        int pythonLine = pythonTracebackLine(e, sourceName);
        if (pythonLine > 0) {
            return pythonLine;
        }
        for (PolyglotException.StackFrame frame : e.getPolyglotStackTrace()) {
            if (frame.isGuestFrame() && isOurs(frame.getSourceLocation(), sourceName)) {
                return frame.getSourceLocation().getStartLine();
            }
        }
        SourceSection at = e.getSourceLocation();
        return isOurs(at, sourceName) ? at.getStartLine() : 0;
    }

    /**
     * For a Python exception, the line of the innermost traceback entry in our source, or 0. Why: GraalPy locates an
     * error in module-level code at the whole module (line 1), while the traceback has the statement's line.
     */
    private static int pythonTracebackLine(PolyglotException e, String sourceName) {
        Value exception = e.isGuestException() ? e.getGuestObject() : null;
        if (exception == null || !exception.hasMember("__traceback__")) {
            return 0;
        }
        int line = 0;
        try {
            for (Value tb = exception.getMember("__traceback__"); tb != null && !tb.isNull();
                    tb = tb.getMember("tb_next")) {
                Value file = tb.getMember("tb_frame").getMember("f_code").getMember("co_filename");
                if (file.isString() && sourceName.equals(file.asString())) {
                    line = tb.getMember("tb_lineno").asInt();
                }
            }
        } catch (RuntimeException notATraceback) {
            return 0;
        }
        return line;
    }

    private static boolean isOurs(SourceSection section, String sourceName) {
        return section != null && section.isAvailable() && sourceName.equals(section.getSource().getName());
    }
}
