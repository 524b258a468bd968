/**
 * Observability of GenServer for Spring Boot, usable without the auto-configuration: what the
 * Actuator endpoint, the health indicator, the meters and the Observations share
 * ({@link dev.genserver.spring.actuate.GenServerInspector}, {@link dev.genserver.spring.actuate.GenServerActivity}),
 * the registration of {@link dev.genserver.process.HandlerInterceptor} beans with the runtime, and
 * the logging MDC of handlers. Their auto-configuration is in
 * {@code dev.genserver.spring.autoconfigure.actuate}.
 */
package dev.genserver.spring.actuate;
