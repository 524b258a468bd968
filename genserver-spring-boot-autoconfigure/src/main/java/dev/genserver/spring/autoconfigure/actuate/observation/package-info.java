/** Auto-configuration of {@code dev.genserver.spring.actuate.observation}, and its properties. */
package dev.genserver.spring.autoconfigure.actuate.observation;
