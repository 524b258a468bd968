/** The {@code genservers} health contributor. */
package dev.genserver.spring.actuator.health;
