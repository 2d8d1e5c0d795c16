package io.jobrun.cli;

import io.jobrun.run.Ticker;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;

/** The {@code bin/jobrun} command; the only code that touches System.out, System.err and the exit code. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        Cli cli = new Cli(System.out, System.err, Terminal.detect(), Ticker.SYSTEM, System.getenv());
        Runnable stop = () -> {
            if (!cli.interrupt()) {
                // NOTE: nothing runs yet (still reading the file): there is nothing to stop or report.
                System.exit(Cli.INTERRUPTED);
            }
        };
        onSignal("INT", stop);
        if (args.length > 0 && args[0].equals("member")) {
            onSignal("TERM", stop); // a member leaves its cluster and ends its tasks' processes, then exits 0
        }
        int code = cli.run(args);
        System.out.flush();
        System.exit(code);
    }

    /**
     * Runs {@code action} on the signal {@code name} ("INT", "TERM") instead of letting the JVM exit, so that the run
     * can stop its tasks and print the partial report. Uses the JDK's {@code sun.misc.Signal} through reflection: it is in jdk.unsupported, and
     * where it is missing Ctrl-C simply ends the JVM.
     */
    private static void onSignal(String name, Runnable action) {
        try {
            Class<?> signalClass = Class.forName("sun.misc.Signal");
            Class<?> handlerClass = Class.forName("sun.misc.SignalHandler");
            Object signal = signalClass.getConstructor(String.class).newInstance(name);
            InvocationHandler handler = (proxy, method, arguments) -> {
                if (method.getName().equals("handle")) {
                    Thread.ofPlatform().name("jobrun-interrupt").start(action);
                }
                return null;
            };
            Object proxy = Proxy.newProxyInstance(Main.class.getClassLoader(), new Class<?>[] {handlerClass},
                    handler);
            signalClass.getMethod("handle", signalClass, handlerClass).invoke(null, signal, proxy);
        } catch (ReflectiveOperationException | RuntimeException e) {
            // no signal support: the default Ctrl-C behaviour stays
        }
    }
}
