/**
 * Test support for applications, in {@code genserver-spring-boot-test} (pulled in by
 * {@code genserver-spring-boot-starter-test}): {@link dev.genserver.spring.test.GenServerTest}, a
 * test slice with the application's servers and what they take, and
 * {@link dev.genserver.spring.test.GenServerTester}, which waits for a server's mailbox to drain,
 * shows its state and crashes it.
 */
package dev.genserver.spring.test;
