/** The {@code genservers} Actuator endpoint: the supervision tree, servers in detail, and operations. */
package dev.genserver.spring.actuate.endpoint;
