package dev.genserver.spring.test.app;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The application the slice tests find above their package. */
@SpringBootApplication
public class SliceApplication {
}
