package dev.genserver.state;

/** When the changed state of a {@link Durable} server is written to its {@link StateStore}. */
public enum WriteMode {

    /**
     * Before the server handles its next message, and before the reply of the call that changed it
     * is sent: an acknowledged call is durable. Costs one store write per changing message.
     */
    WRITE_THROUGH,

    /**
     * In the background, at most {@link Durable#delay()} after the first unwritten change; the
     * latest state is written once for all the changes made meanwhile. A message only marks the
     * instance dirty: the state is turned into JSON once per window, on the server's thread, so a
     * message costs what it costs an in-memory server. A crash or kill loses the changes not
     * written yet (at most the delay's worth); an orderly stop writes them.
     */
    WRITE_BEHIND
}
