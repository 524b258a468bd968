package dev.genserver.process;

import org.jspecify.annotations.Nullable;

/**
 * What {@link ProcessRuntime#start} returns: the server started, or its init said
 * {@link Init#ignore() ignore}. Failures are thrown as {@link StartFailedException}.
 */
public sealed interface StartResult permits StartResult.Started, StartResult.Ignored {

    /**
     * Returns the started server.
     *
     * @return its reference
     * @throws IllegalStateException when init returned ignore
     */
    ServerRef ref();

    /**
     * Tells whether the server started.
     *
     * @return true when started
     */
    default boolean isStarted() {
        return this instanceof Started;
    }

    /**
     * The server is running.
     *
     * @param ref its reference
     */
    record Started(ServerRef ref) implements StartResult {
    }

    /**
     * init returned ignore: nothing runs and that is not an error.
     *
     * @param name the name that was asked for; absent for an anonymous server
     */
    record Ignored(@Nullable String name) implements StartResult {
        @Override
        public ServerRef ref() {
            throw new IllegalStateException("server " + (name == null ? "" : name + " ")
                    + "was not started: its init returned ignore");
        }
    }
}
