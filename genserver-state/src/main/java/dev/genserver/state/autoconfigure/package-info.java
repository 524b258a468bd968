/**
 * Auto-configuration of durable state ({@code genserver.state.*}).
 */
package dev.genserver.state.autoconfigure;
