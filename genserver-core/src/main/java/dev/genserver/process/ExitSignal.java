package dev.genserver.process;

import org.jspecify.annotations.Nullable;

/**
 * Info message to a server that traps exits: a linked server exited, or someone called
 * {@link ProcessRuntime#exit} on this server.
 *
 * @param from the server the signal came from; absent when it came from outside any server
 * @param reason the reason carried by the signal
 */
public record ExitSignal(@Nullable ServerRef from, ExitReason reason) {
}
