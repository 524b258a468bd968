package dev.genserver.spring.autoconfigure;

import dev.genserver.process.ProcessRuntime;

/**
 * Customizes the auto-configured {@link ProcessRuntime} before it is built. Declare beans of this
 * type to change runtime settings (for example the time source that supervisors read); they are
 * applied in {@link org.springframework.core.annotation.Order @Order} order:
 *
 * <pre>{@code
 * @Bean
 * ProcessRuntimeCustomizer testClock(Ticker ticker) {
 *     return builder -> builder.ticker(ticker);
 * }
 * }</pre>
 *
 * Not applied when the application defines its own {@code ProcessRuntime} bean.
 */
@FunctionalInterface
public interface ProcessRuntimeCustomizer {

    /**
     * Customizes the runtime's settings.
     *
     * @param builder the builder of the runtime, holding the defaults and the changes of the
     *                customizers that ran before this one
     */
    void customize(ProcessRuntime.Builder builder);
}
