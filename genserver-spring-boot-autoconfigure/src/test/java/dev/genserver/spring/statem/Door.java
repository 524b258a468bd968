package dev.genserver.spring.statem;

import dev.genserver.process.ReplyTo;
import dev.genserver.spring.annotation.GenStateMachine;
import dev.genserver.spring.annotation.OnEnter;
import dev.genserver.spring.annotation.OnEvent;
import dev.genserver.spring.annotation.Redact;
import dev.genserver.statem.Action;
import dev.genserver.statem.Event;
import dev.genserver.statem.Transition;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A door lock: locked until the right code, open for a moment, then locked again. */
@GenStateMachine(name = "door", states = Door.State.class, initial = "LOCKED")
public class Door {

    public enum State { LOCKED, OPEN }

    public record Unlock(String code) {}

    public record Knock() {}

    static final List<String> ENTERED = new CopyOnWriteArrayList<>();

    private int opened;
    @Redact
    private final String code = "1234";

    @OnEnter(states = "LOCKED")
    void locked(State from) {
        ENTERED.add(from + "->LOCKED");
    }

    @OnEnter(states = "OPEN")
    Transition<State, Object> open(State from) {
        ENTERED.add(from + "->OPEN");
        return Transition.keepState(Action.stateTimeout(Duration.ofMillis(100), "relock"));
    }

    @OnEvent(states = "LOCKED")
    Transition<State, Object> unlock(Unlock unlock, ReplyTo from) {
        if (!unlock.code().equals(code)) {
            return Transition.keepState(Action.reply(from, "wrong code"));
        }
        opened++;
        return Transition.nextState(State.OPEN, Action.reply(from, "open"));
    }

    @OnEvent(states = "OPEN")
    Transition<State, Object> alreadyOpen(Unlock unlock, ReplyTo from) {
        return Transition.keepState(Action.reply(from, "already open"));
    }

    @OnEvent(states = "OPEN")
    State relock(Event.StateTimeout timeout) {
        return State.LOCKED;
    }

    @OnEvent
    Transition<State, Object> knock(Knock knock, State state, ReplyTo from) {
        return Transition.keepState(Action.reply(from, state + " after " + opened + " openings"));
    }
}
