package dev.genserver.spring.actuate.healthapp;

import dev.genserver.spring.annotation.Supervisor;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The application the health tests run: a "fragile" supervisor that gives up at the first crash
 * of its child, and a server whose mailbox can be made to back up.
 */
@SpringBootApplication
@Supervisor(name = "fragile", maxRestarts = 0, maxSeconds = 5)
public class HealthApplication {
}
