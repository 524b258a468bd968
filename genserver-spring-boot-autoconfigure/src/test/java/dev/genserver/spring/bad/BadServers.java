package dev.genserver.spring.bad;

import dev.genserver.process.ReplyTo;
import dev.genserver.spring.annotation.Call;
import dev.genserver.spring.annotation.GenServer;
import dev.genserver.spring.annotation.HandleCall;
import dev.genserver.spring.annotation.HandleCast;
import dev.genserver.spring.annotation.OnInit;

/** Servers whose definitions must fail the startup. */
public final class BadServers {

    private BadServers() {
    }

    /** A message. */
    public record Ping() {
    }

    /** Messages of a sealed family. */
    public sealed interface Shape permits Circle, Square {
    }

    /** A shape. */
    public record Circle() implements Shape, Round {
    }

    /** A shape. */
    public record Square() implements Shape {
    }

    /** Something round. */
    public interface Round {
    }

    /** Two handlers for the same type. */
    @GenServer
    public static class Ambiguous {
        @HandleCall
        int first(Ping p) {
            return 1;
        }

        @HandleCall
        int second(Ping p) {
            return 2;
        }
    }

    /** Circle matches both Shape and Round, and neither is more specific. */
    @GenServer
    public static class AmbiguousSealed {
        @HandleCast
        void shape(Shape s) {
        }

        @HandleCast
        void round(Round r) {
        }
    }

    /** A handler without a message parameter. */
    @GenServer
    public static class MissingMessage {
        @HandleCall
        int get() {
            return 1;
        }
    }

    /** A cast handler that returns a value nobody receives. */
    @GenServer
    public static class CastReturnsValue {
        @HandleCast
        int ping(Ping p) {
            return 1;
        }
    }

    /** A deferred-reply handler that also returns a value. */
    @GenServer
    public static class ReplyToAndReturn {
        @HandleCall
        int ping(Ping p, ReplyTo from) {
            return 1;
        }
    }

    /** Two init hooks, one taking a message. */
    @GenServer
    public static class BadInit {
        @OnInit
        void init(Ping p) {
        }

        @HandleCast
        void ping(Ping p) {
        }
    }

    /** A client interface whose cast declares a checked exception. */
    public interface Checked {
        void store(String value) throws Exception;

        @Call
        int size();
    }

    /** Implements {@link Checked}. */
    @GenServer
    public static class CheckedCast implements Checked {
        @Override
        public void store(String value) {
        }

        @Override
        public int size() {
            return 0;
        }
    }

    /** A client interface the server names but does not implement fully. */
    public interface Named {
        int count();

        void reset();
    }

    /** Names {@link Named} but has no {@code reset()}. */
    @GenServer(clients = Named.class)
    public static class NamedMissing {
        public int count() {
            return 0;
        }
    }

    /** Handles nothing. */
    @GenServer
    public static class Nothing {
    }

    /** A bad duration. */
    @GenServer(callTimeout = "soon")
    public static class BadTimeout {
        @HandleCast
        void ping(Ping p) {
        }
    }
}
