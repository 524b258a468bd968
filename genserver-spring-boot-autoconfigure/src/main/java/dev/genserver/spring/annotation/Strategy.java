package dev.genserver.spring.annotation;

/** How a supervisor restarts its children when one of them exits (OTP's strategies). */
public enum Strategy {
    /** Restart only the child that exited (the default). */
    ONE_FOR_ONE,
    /** Stop the others in reverse start order, then restart all of them in start order. */
    ONE_FOR_ALL,
    /** Restart the child that exited and every child started after it. */
    REST_FOR_ONE
}
