/**
 * Actuator support of durable state: endpoint, health contributor and meters.
 */
package dev.genserver.state.actuate;
