package dev.genserver.dashboard.app;

import dev.genserver.spring.annotation.Supervisor;
import dev.genserver.supervisor.Strategy;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The application the dashboard tests observe: a "work" supervisor with two servers, and a keyed server. */
@SpringBootApplication
@Supervisor(name = "work", strategy = Strategy.ONE_FOR_ONE, maxRestarts = 100, maxSeconds = 5)
public class DashboardTestApplication {
}
