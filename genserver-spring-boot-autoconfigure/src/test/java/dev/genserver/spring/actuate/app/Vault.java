package dev.genserver.spring.actuate.app;

import dev.genserver.spring.annotation.FormatStatus;
import dev.genserver.spring.annotation.GenServer;
import dev.genserver.spring.annotation.HandleCall;

/** A server whose redaction hook throws: its state must never be shown. */
@GenServer("vault")
public class Vault {

    /** Asks for the secret's length (call). */
    public record Length() {
    }

    private final String secret = "top-secret-value";

    @HandleCall
    int length(Length request) {
        return secret.length();
    }

    @FormatStatus
    Object status() {
        throw new IllegalStateException("redaction failed on purpose");
    }
}
