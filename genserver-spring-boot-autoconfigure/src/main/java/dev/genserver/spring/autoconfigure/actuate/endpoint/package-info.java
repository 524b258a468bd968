/** Auto-configuration of {@code dev.genserver.spring.actuate.endpoint}, and its properties. */
package dev.genserver.spring.autoconfigure.actuate.endpoint;
