package dev.genserver.sample.admin;

import dev.genserver.process.NoProcessException;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * A request that needs a server that is not running answers 503 with the reason (for example:
 * the root supervisor was crashed and the shop follows {@code genserver.on-give-up=keep-running}
 * until the root is restarted from the dashboard), not a bare 500.
 */
@RestControllerAdvice
class NoProcessAdvice {

    @ExceptionHandler(NoProcessException.class)
    ResponseEntity<Map<String, String>> notRunning(NoProcessException e) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).body(Map.of("error", e.getMessage()));
    }
}
