package io.jobrun.task.http;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.channels.UnresolvedAddressException;
import java.util.Locale;
import javax.net.ssl.SSLException;

/** Why a request got no response, in a few words: "connection refused", "unknown host 'x'", "TLS failed: ...". */
final class FailureReasons {
    /** How long the second, plain connect that finds the reason of a failed connect may take. */
    private static final int PROBE_MILLIS = 2000;

    private FailureReasons() {
    }

    static String of(Throwable failure, URI uri) {
        Throwable t = failure;
        while (t != null) {
            if (t instanceof UnresolvedAddressException || t instanceof UnknownHostException) {
                return "unknown host '" + uri.getHost() + "'";
            }
            if (t instanceof SSLException) {
                return "TLS failed: " + messageOf(t);
            }
            t = t.getCause();
        }
        if (hasCause(failure, ConnectException.class)) {
            String message = deepestMessage(failure);
            return message != null ? lowerFirst(message) : probeConnect(uri);
        }
        String message = deepestMessage(failure);
        return message != null ? lowerFirst(message) : "connection failed (" + failure.getClass().getSimpleName() + ")";
    }

    /**
     * The reason a connect failed, asked of the OS with a plain socket. NOTE: the JDK's HttpClient retries a failed
     * connect once and then reports a ConnectException without a message whose cause is a ClosedChannelException,
     * so "connection refused" is lost; a second connect finds it again.
     */
    private static String probeConnect(URI uri) {
        int port = uri.getPort() >= 0 ? uri.getPort() : "https".equals(uri.getScheme()) ? 443 : 80;
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(uri.getHost(), port), PROBE_MILLIS);
            return "could not connect (a second attempt did)";
        } catch (SocketTimeoutException e) {
            return "could not connect (no answer from " + uri.getHost() + ":" + port + " within "
                    + PROBE_MILLIS / 1000 + "s)";
        } catch (UnknownHostException e) {
            return "unknown host '" + uri.getHost() + "'";
        } catch (IOException | RuntimeException e) {
            String message = e.getMessage();
            return message == null ? "could not connect (" + e.getClass().getSimpleName() + ")"
                    : message.toLowerCase(Locale.ROOT);
        }
    }

    private static boolean hasCause(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static String deepestMessage(Throwable failure) {
        String found = null;
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                found = t.getMessage();
            }
        }
        return found;
    }

    private static String messageOf(Throwable t) {
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    /** "Connection refused" reads as "connection refused" after "failed: ". */
    private static String lowerFirst(String message) {
        String line = message.lines().findFirst().orElse(message);
        boolean word = line.length() > 1 && Character.isUpperCase(line.charAt(0)) && Character.isLowerCase(line.charAt(1));
        return word ? Character.toLowerCase(line.charAt(0)) + line.substring(1) : line;
    }
}
