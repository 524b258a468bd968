/**
 * Observability of GenServer for Spring Boot, usable without the auto-configuration: the
 * {@link dev.genserver.spring.actuate.SupervisionTreeReader} the Actuator endpoint and the health
 * indicator share, the descriptors it reads the tree into
 * ({@link dev.genserver.spring.actuate.ProcessDescriptor} and its records), the counts since the
 * application started ({@link dev.genserver.spring.actuate.GenServerActivity}), the registration
 * of {@link dev.genserver.process.HandlerInterceptor} beans with the runtime, and the logging MDC
 * of handlers. Their auto-configuration is in {@code dev.genserver.spring.autoconfigure.actuate}.
 */
package dev.genserver.spring.actuate;
