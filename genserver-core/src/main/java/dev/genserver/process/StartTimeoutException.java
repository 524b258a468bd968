package dev.genserver.process;

import java.time.Duration;

/** init did not return within the start timeout; the half-started server was killed. */
public class StartTimeoutException extends StartFailedException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param server the server's name
     * @param timeout the start timeout
     */
    public StartTimeoutException(String server, Duration timeout) {
        super(server, ExitReason.KILLED, "server " + server + " did not finish init within " + timeout.toMillis()
                + " ms and was killed; move slow work to handleContinue or raise the start timeout");
    }
}
