package dev.genserver.process;

import java.lang.invoke.MethodHandles;
import java.util.function.BiConsumer;

/**
 * <b>Internal: not part of the API.</b> The operations a supervisor performs on the servers it
 * owns and nobody else may: start a server <em>restartable</em> (when it exits it waits in
 * {@link ServerStatus#RESTARTING} with its name and mailbox instead of ending), start a fresh
 * instance on it, or discard it for good.
 *
 * <p>This is a bridge in the style of the JDK's {@code SharedSecrets}: the class is public only
 * because Java has no "friend" packages, and its single instance is handed out to
 * {@code dev.genserver.supervisor} alone. That package proves who it is with a full-privilege
 * {@link MethodHandles.Lookup} of one of its own classes, which no other code can create:
 *
 * <pre>{@code
 * static final SupervisorAccess ACCESS = SupervisorAccess.grant(MethodHandles.lookup());
 * }</pre>
 *
 * <p>Why not public methods on {@link ProcessRuntime} and {@link StartOptions}, where they used to
 * be: a user who called {@code restart} or {@code discard} on a supervised child would corrupt
 * its supervisor's bookkeeping, and a restartable server started outside a supervisor would wait
 * in {@code RESTARTING} for ever. Why not an {@code @InternalApi} annotation: it only asks users
 * not to call; this takes a deliberate act (reflection, or a class of one's own declared in
 * {@code dev.genserver.supervisor}, which only a module descriptor could forbid), at no cost (one
 * check per supervisor class, none per call). Supervise servers through {@code Supervisor} or
 * {@code DynamicSupervisor}.
 */
public final class SupervisorAccess {

    private static final String SUPERVISOR_PACKAGE = "dev.genserver.supervisor";
    private static final SupervisorAccess INSTANCE = new SupervisorAccess();

    private SupervisorAccess() {
    }

    /**
     * Hands the bridge to the supervisor package.
     *
     * @param lookup {@code MethodHandles.lookup()} called in a class of {@code dev.genserver.supervisor}
     * @return the bridge
     * @throws IllegalCallerException for a lookup of any other package, or without full privileges
     */
    public static SupervisorAccess grant(MethodHandles.Lookup lookup) {
        Class<?> caller = lookup.lookupClass();
        if (!lookup.hasFullPrivilegeAccess() || !SUPERVISOR_PACKAGE.equals(caller.getPackageName())
                || caller.getModule() != SupervisorAccess.class.getModule()) {
            throw new IllegalCallerException("SupervisorAccess is internal to genserver-core and granted to "
                    + SUPERVISOR_PACKAGE + " only, not to " + caller.getName()
                    + "; supervise servers through Supervisor or DynamicSupervisor instead");
        }
        return INSTANCE;
    }

    /**
     * Marks a child's options restartable: when the server exits, it waits in
     * {@link ServerStatus#RESTARTING} with its name and mailbox until its supervisor calls
     * {@link #restart} or {@link #discard}.
     *
     * @param options the child's options
     * @return a copy that is restartable
     */
    public StartOptions restartable(StartOptions options) {
        return options.withRestartable(true);
    }

    /**
     * Starts a fresh instance on a server waiting in {@link ServerStatus#RESTARTING}, keeping its
     * name and mailbox.
     *
     * @param runtime the server's runtime
     * @param ref the server
     * @return the outcome; when not started the server is still waiting
     * @throws StartFailedException when the new init returned stop, threw, or timed out
     * @throws IllegalStateException when the server is not waiting to be restarted
     */
    public StartResult restart(ProcessRuntime runtime, ServerRef ref) {
        return runtime.restart(ref);
    }

    /**
     * Ends a restartable server that will not be restarted. Its name is freed, queued calls fail
     * with {@link ServerStoppedException} and queued casts become dead letters.
     *
     * @param runtime the server's runtime
     * @param ref the server, which must not be running
     * @param reason the reason reported to anyone still waiting
     * @throws IllegalStateException when the server is still running
     */
    public void discard(ProcessRuntime runtime, ServerRef ref, ExitReason reason) {
        runtime.discard(ref, reason);
    }

    /**
     * Runs {@code action} when the current instance of {@code ref} exits (at once if none runs,
     * with {@link ExitReason#NOPROC}), as {@code ref.onExit().whenComplete(action)} does, but on the
     * instance itself rather than on a copy of its exit future, and without a future at all while
     * nothing else waits: a supervisor watches every child it starts, and the futures with their
     * completion records cost each child up to 128 bytes for as long as it runs.
     *
     * @param ref the server
     * @param action receives the exit reason, or the error that completed the future
     */
    public void whenExits(ServerRef ref, BiConsumer<? super ExitReason, ? super Throwable> action) {
        if (ref instanceof ProcessCell cell) {
            Incarnation inc = cell.current;
            if (inc == null) {
                action.accept(ExitReason.NOPROC, null);
            } else {
                inc.whenExits(action);
            }
        } else {
            ref.onExit().whenComplete(action);
        }
    }
}
