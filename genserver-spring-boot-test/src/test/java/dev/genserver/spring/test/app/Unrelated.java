package dev.genserver.spring.test.app;

import org.springframework.stereotype.Service;

/** A component no server takes: not in a {@code @GenServerTest} context. */
@Service
public class Unrelated {
}
