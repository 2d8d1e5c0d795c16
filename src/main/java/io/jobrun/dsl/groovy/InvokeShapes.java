package io.jobrun.dsl.groovy;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.MutableCallSite;
import java.util.List;

/**
 * The JDK's share of linking a job file's first Groovy call sites, made ahead by a thread that would only wait for
 * the warm-up ({@link RuntimeWarmup}). Groovy's invokedynamic bootstrap binds a call site's constants into a method
 * handle, folds that into an invoker and collects the site's arguments into an array; the JDK spins a class for each
 * bound-handle species and lambda form those steps take, about 35 ms for the first two sites, on the warm-up's thread
 * after Groovy's registry. The JDK keeps them by shape (the kinds of the values, not their classes), so the same steps
 * with JDK classes and a method of this class of the same shape leave them ready, and Groovy's own steps find them.
 *
 * <p>NOTE: it touches no Groovy class (see {@link RuntimeWarmup}), and it mirrors Groovy 5's
 * {@code IndyInterface.makeBootHandle}: a Groovy whose bootstrap differs only finds less ready, and runs as before.
 */
final class InvokeShapes {
    /** The erased types of the warm-up's call sites: {@code __at(line, column, parts, closure)}, {@code task(name, body)}. */
    private static final List<MethodType> SITES = List.of(
            MethodType.methodType(Object.class, Object.class, Integer.class, Integer.class, List.class, Object.class),
            MethodType.methodType(Object.class, Object.class, String.class, Object.class));
    /** The type of Groovy's {@code IndyInterface.fromCacheHandle}, with JDK classes for Groovy's. */
    private static final MethodType FROM_CACHE = MethodType.methodType(MethodHandle.class, MutableCallSite.class,
            Class.class, String.class, int.class, Boolean.class, Boolean.class, Boolean.class, Object.class,
            Object[].class);

    private InvokeShapes() {
    }

    /** Makes and calls a call site of each of {@link #SITES}, as Groovy's bootstrap would. */
    static void prepare() {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            MethodHandle fromCache = lookup.findStatic(InvokeShapes.class, "fromCache", FROM_CACHE);
            MethodHandle invoker = MethodHandles.exactInvoker(MethodType.methodType(Object.class, Object[].class));
            for (MethodType type : SITES) {
                MutableCallSite site = new MutableCallSite(type);
                MethodHandle bound = MethodHandles.insertArguments(fromCache, 0, site, InvokeShapes.class, "warm-up",
                        0, false, true, false, 1);
                site.setTarget(MethodHandles.foldArguments(invoker, bound).asCollector(Object[].class,
                        type.parameterCount()).asType(type));
                MethodHandle call = site.dynamicInvoker();
                if (type.parameterCount() == 5) {
                    Object unused = call.invokeExact((Object) null, (Integer) 1, (Integer) 1, List.of(),
                            (Object) null);
                } else {
                    Object unused = call.invokeExact((Object) null, "warm-up", (Object) null);
                }
            }
        } catch (Throwable e) { // NOTE: invokeExact declares Throwable
            // nothing is lost: Groovy's bootstrap makes them itself
        }
    }

    @SuppressWarnings("unused") // found by name
    private static MethodHandle fromCache(MutableCallSite site, Class<?> sender, String name, int callId,
            Boolean safe, Boolean thisCall, Boolean spread, Object dummyReceiver, Object[] arguments)
            throws ReflectiveOperationException {
        return MethodHandles.lookup().findStatic(InvokeShapes.class, "none",
                MethodType.methodType(Object.class, Object[].class));
    }

    @SuppressWarnings("unused") // found by name
    private static Object none(Object[] arguments) {
        return null;
    }
}
