/** Auto-configuration of {@code dev.genserver.spring.actuate.health}, and its properties. */
package dev.genserver.spring.autoconfigure.actuate.health;
