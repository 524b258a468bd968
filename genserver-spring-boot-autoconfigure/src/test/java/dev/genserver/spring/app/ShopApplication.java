package dev.genserver.spring.app;

import dev.genserver.spring.annotation.Supervisor;
import dev.genserver.supervisor.Strategy;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** A small shop backend: the application the @SpringBootTest tests run. */
@SpringBootApplication
@Supervisor(name = "fulfilment", strategy = Strategy.REST_FOR_ONE)
public class ShopApplication {
}
