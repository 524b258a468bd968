package dev.genserver.spring.actuate.app;

import dev.genserver.spring.annotation.Supervisor;
import dev.genserver.supervisor.Strategy;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The application the Actuator tests run: a "work" supervisor with a ledger, a server whose
 * redaction hook throws, a message-style server for meters, and a keyed session server.
 */
@SpringBootApplication
@Supervisor(name = "work", strategy = Strategy.ONE_FOR_ONE, maxRestarts = 100, maxSeconds = 5)
public class ObservedApplication {
}
