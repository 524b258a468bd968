package dev.genserver.spring.autoconfigure;

import dev.genserver.process.StartOptions;

/**
 * Customizes the start options of each server: its call and start timeouts, mailbox and drain
 * setting, as built from the annotations and the {@code genserver.*} properties. Declare beans of
 * this type; they are applied in {@link org.springframework.core.annotation.Order @Order} order,
 * each to the options the previous one returned:
 *
 * <pre>{@code
 * @Bean
 * GenServerStartOptionsCustomizer boundedAuditMailbox() {
 *     return (server, options) -> server.equals("audit")
 *             ? options.withMailbox(MailboxOptions.bounded(10_000, OverflowPolicy.DROP_OLDEST))
 *             : options;
 * }
 * }</pre>
 *
 * The server's registered name is set after the customizers and cannot be changed here. A keyed
 * server's customized options apply to each of its instances. The customizers run once per
 * server, when its options are first needed, and the result is shared by every start, restart and
 * keyed activation of it: a customizer should depend on its arguments alone.
 */
@FunctionalInterface
public interface GenServerStartOptionsCustomizer {

    /**
     * Customizes the start options of one server.
     *
     * @param serverName the server's name (for a keyed server, the name shared by its instances)
     * @param options the options so far
     * @return the options to use, never null
     */
    StartOptions customize(String serverName, StartOptions options);
}
