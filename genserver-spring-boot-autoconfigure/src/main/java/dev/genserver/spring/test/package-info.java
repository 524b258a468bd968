/**
 * Test support for applications: {@link dev.genserver.spring.test.GenServerTest} starts a few
 * servers with their dependencies, and {@link dev.genserver.spring.test.GenServerTester} waits for
 * a server's mailbox to drain, shows its state and crashes it. Needs {@code spring-boot-starter-test}.
 */
package dev.genserver.spring.test;
