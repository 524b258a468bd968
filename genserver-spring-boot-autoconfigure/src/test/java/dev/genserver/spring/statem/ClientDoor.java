package dev.genserver.spring.statem;

import dev.genserver.spring.annotation.GenStateMachine;
import dev.genserver.spring.annotation.OnEvent;

/** A state machine with a client interface, which it would not answer. */
@GenStateMachine(name = "client-door", states = Door.State.class, initial = "LOCKED")
public class ClientDoor implements DoorApi {

    @Override
    public void ring() {
    }

    @OnEvent
    void knock(Door.Knock knock) {
    }
}
