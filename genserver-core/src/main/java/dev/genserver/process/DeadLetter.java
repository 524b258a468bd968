package dev.genserver.process;

/**
 * A message that was never handled.
 *
 * @param server the intended recipient
 * @param message the message
 * @param reason why it was not handled
 */
public record DeadLetter(ServerRef server, Object message, String reason) {
}
