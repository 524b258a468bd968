/**
 * Message-style access by name: {@link dev.genserver.spring.reference.GenServers} with
 * {@code whereis}, {@code call}, {@code cast} and {@code send}, plus the live supervision tree.
 */
package dev.genserver.spring.reference;
