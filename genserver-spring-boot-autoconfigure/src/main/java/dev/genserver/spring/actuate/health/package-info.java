/** The {@code genservers} health contributor. */
package dev.genserver.spring.actuate.health;
