package dev.genserver.sample;

import dev.genserver.spring.annotation.Supervisor;
import dev.genserver.supervisor.Strategy;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The sample online-shop backend: every GenServer use case as a Spring Boot service.
 * Each sub-package is one use case; see {@code sample-app/README.md} for the walkthrough.
 */
@SpringBootApplication
@Supervisor(name = "payments", strategy = Strategy.REST_FOR_ONE)   // tokenManager, then paymentClient
public class ShopApplication {

    /**
     * Starts the shop on embedded defaults.
     *
     * @param args command-line arguments passed to Spring Boot
     */
    public static void main(String[] args) {
        SpringApplication.run(ShopApplication.class, args);
    }
}
