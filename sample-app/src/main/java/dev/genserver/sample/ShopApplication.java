package dev.genserver.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The sample online-shop backend: every GenServer use case as a Spring Boot service.
 */
@SpringBootApplication
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
