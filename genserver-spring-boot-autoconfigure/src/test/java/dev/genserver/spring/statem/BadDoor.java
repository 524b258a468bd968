package dev.genserver.spring.statem;

import dev.genserver.spring.annotation.GenStateMachine;
import dev.genserver.spring.annotation.OnEvent;

/** Names a state its enum does not have, and returns what a handler cannot. */
@GenStateMachine(name = "bad-door", states = Door.State.class, initial = "AJAR")
public class BadDoor {

    @OnEvent(states = "HALF_OPEN")
    String knock(Door.Knock knock) {
        return "who is there";
    }
}
