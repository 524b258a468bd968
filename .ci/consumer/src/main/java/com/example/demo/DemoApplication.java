package com.example.demo;

import dev.genserver.spring.annotation.GenServer;
import org.springframework.boot.CommandLineRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

@SpringBootApplication
public class DemoApplication {

    public interface CounterApi {
        void increment();   // void: a cast
        int value();        // returns a value: a call
    }

    @GenServer
    static class Counter implements CounterApi {
        private int count;  // the state: no lock needed

        public void increment() { count++; }
        public int value() { return count; }
    }

    @Bean
    CommandLineRunner demo(CounterApi counter) {   // a typed proxy, never the instance
        return args -> {
            counter.increment();
            counter.increment();
            System.out.println("counter = " + counter.value());
        };
    }

    public static void main(String[] args) {
        SpringApplication.run(DemoApplication.class, args);
    }
}
