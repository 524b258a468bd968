/**
 * Auto-configuration of the observability shared by the Actuator endpoint, health, metrics and
 * observation (the inspector, handler interceptors, the logging MDC), and its
 * {@code genserver.inspection.*} and {@code genserver.logging.*} properties.
 */
package dev.genserver.spring.autoconfigure.actuate;
