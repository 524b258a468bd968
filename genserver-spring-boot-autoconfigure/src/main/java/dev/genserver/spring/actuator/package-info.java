/**
 * Observability of GenServer for Spring Boot: what the Actuator endpoint, the health contributor,
 * the Micrometer meters and the Observations share ({@link dev.genserver.spring.actuator.GenServerInspector},
 * {@link dev.genserver.spring.actuator.GenServerActivity}), the registration of
 * {@link dev.genserver.process.HandlerInterceptor} beans with the runtime, and the logging MDC of
 * handlers.
 */
package dev.genserver.spring.actuator;
