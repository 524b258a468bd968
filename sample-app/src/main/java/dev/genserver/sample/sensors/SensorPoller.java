package dev.genserver.sample.sensors;

import dev.genserver.process.ReplyTo;
import dev.genserver.spring.annotation.GenStateMachine;
import dev.genserver.spring.annotation.OnEnter;
import dev.genserver.spring.annotation.OnEvent;
import dev.genserver.statem.Action;
import dev.genserver.statem.Event;
import dev.genserver.statem.Transition;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;

/**
 * Use case 15: a poller for a device read every second, as a state machine (contract §14).
 * {@code DISCONNECTED}: a state timeout retries the connection with exponential backoff (a failed
 * attempt repeats the state, whose enter callback arms a longer timeout). {@code CONNECTED}: a
 * named timeout {@code poll} reads the device every {@code shop.sensors.poll-interval}; a failed
 * read goes back to {@code DISCONNECTED}.
 */
@GenStateMachine(name = "sensorPoller", states = SensorPoller.Link.class, initial = "DISCONNECTED")
public class SensorPoller {

    /** The connection states. */
    public enum Link { DISCONNECTED, CONNECTED }

    /** Asks for the current view (a call, in any state). */
    public record Status() {
    }

    /** One reading. */
    public record Reading(Instant at, double celsius) {
    }

    /** What {@code GET /sensors} shows. */
    public record View(Link link, int failedAttempts, Duration nextRetry, String lastError, Reading last,
                       List<Reading> recent) {
    }

    private static final int KEPT = 60;

    private final SimulatedDevice device;
    private final Duration pollInterval;
    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final Deque<Reading> readings = new ArrayDeque<>();
    private int failedAttempts;
    private Duration nextRetry = Duration.ZERO;
    private String lastError;

    SensorPoller(SimulatedDevice device,
                 @Value("${shop.sensors.poll-interval:1s}") Duration pollInterval,
                 @Value("${shop.sensors.backoff.initial:200ms}") Duration initialBackoff,
                 @Value("${shop.sensors.backoff.max:5s}") Duration maxBackoff) {
        this.device = device;
        this.pollInterval = pollInterval;
        this.initialBackoff = initialBackoff;
        this.maxBackoff = maxBackoff;
    }

    @OnEnter(states = "DISCONNECTED")
    Transition<Link, Object> disconnected() {
        // no wait for the first attempt, then initial * 2^(n-1), at most max
        nextRetry = failedAttempts == 0 ? Duration.ZERO
                : min(maxBackoff, initialBackoff.multipliedBy(1L << Math.min(failedAttempts - 1, 20)));
        return Transition.keepState(Action.stateTimeout(nextRetry, "reconnect"));
    }

    @OnEvent(states = "DISCONNECTED")
    Transition<Link, Object> reconnect(Event.StateTimeout timeout) {
        try {
            device.connect();
            failedAttempts = 0;
            lastError = null;
            return Transition.nextState(Link.CONNECTED);
        } catch (IOException e) {
            failedAttempts++;
            lastError = e.getMessage();
            return Transition.repeatState();   // enter again: a longer state timeout
        }
    }

    @OnEnter(states = "CONNECTED")
    Transition<Link, Object> connected() {
        return Transition.keepState(Action.timeout("poll", Duration.ZERO, null));
    }

    @OnEvent(states = "CONNECTED")
    Transition<Link, Object> poll(Event.Timeout poll) {
        try {
            readings.addLast(new Reading(Instant.now(), device.read()));
            if (readings.size() > KEPT) {
                readings.removeFirst();
            }
            return Transition.keepState(Action.timeout("poll", pollInterval, null));
        } catch (IOException e) {
            failedAttempts = 1;
            lastError = e.getMessage();
            return Transition.nextState(Link.DISCONNECTED, Action.cancelTimeout("poll"));
        }
    }

    @OnEvent
    Transition<Link, Object> status(Status status, Link link, ReplyTo from) {
        return Transition.keepState(Action.reply(from, new View(link, failedAttempts, nextRetry, lastError,
                readings.peekLast(), new ArrayList<>(readings))));
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
