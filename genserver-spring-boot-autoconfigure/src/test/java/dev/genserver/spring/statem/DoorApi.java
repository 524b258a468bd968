package dev.genserver.spring.statem;

/** What callers of {@link ClientDoor} would like to call. */
public interface DoorApi {
    void ring();
}
