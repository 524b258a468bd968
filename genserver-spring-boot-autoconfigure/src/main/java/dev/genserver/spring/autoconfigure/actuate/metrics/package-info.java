/** Auto-configuration of {@code dev.genserver.spring.actuate.metrics}, and its properties. */
package dev.genserver.spring.autoconfigure.actuate.metrics;
