/** Micrometer meters of the application's servers. */
package dev.genserver.spring.actuate.metrics;
