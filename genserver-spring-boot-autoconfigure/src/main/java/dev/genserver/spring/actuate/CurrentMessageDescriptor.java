package dev.genserver.spring.actuate;

/**
 * The message a server is handling now.
 *
 * @param type its type
 * @param runningFor how long it has been handled (ISO-8601)
 */
public record CurrentMessageDescriptor(String type, String runningFor) {
}
