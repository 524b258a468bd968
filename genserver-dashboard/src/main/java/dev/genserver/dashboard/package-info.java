/**
 * A live dashboard of the supervision tree, OTP's {@code observer} for a Spring application: the
 * Actuator endpoint {@code /actuator/observer} serves a page that reads the {@code genservers}
 * endpoint, and {@link dev.genserver.dashboard.ObserverHistory} keeps a bounded window of
 * throughput, mailbox and restart figures for its charts.
 */
package dev.genserver.dashboard;
