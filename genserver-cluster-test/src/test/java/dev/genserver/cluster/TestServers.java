package dev.genserver.cluster;

import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.genserver.process.GenServer;
import dev.genserver.process.Init;
import dev.genserver.process.ReplyTo;
import dev.genserver.process.Result;
import dev.genserver.process.ServerContext;

/** The servers and messages of the cluster tests, and the history they record. */
final class TestServers {

    /** A call: increments and answers the count. */
    record Inc(long id) {
    }

    /** A cast: counted. */
    record Note(long id) {
    }

    /** A call that blocks its handler until released. */
    record Hold(long id) {
    }

    /** A call whose handler throws. */
    record Boom(long id) {
    }

    /** One handled message: which id, on which member, by which incarnation (fencing token or key). */
    record Handled(long id, String server, String member, long token, long nanos) {
    }

    /** Everything every member handled. */
    static final class History {
        final Queue<Handled> handled = new ConcurrentLinkedQueue<>();
        final Map<Long, Integer> counts = new ConcurrentHashMap<>();
        volatile CountDownLatch release = new CountDownLatch(1);
        final CountDownLatch holding = new CountDownLatch(1);

        void record(long id, String server, String member, long token) {
            handled.add(new Handled(id, server, member, token, System.nanoTime()));
            counts.merge(id, 1, Integer::sum);
        }
    }

    /** Counts; the singleton variant knows its fencing token. */
    static final class Counter implements GenServer<Long> {
        private final History history;
        private final String server;
        private final String member;
        private final long token;

        Counter(History history, String server, String member, long token) {
            this.history = history;
            this.server = server;
            this.member = member;
            this.token = token;
        }

        @Override
        public Init<Long> init(ServerContext ctx) {
            return Init.ok(0L);
        }

        @Override
        public Result<Long> handleCall(Object request, ReplyTo from, Long count) {
            return switch (request) {
                case Inc(long id) -> {
                    history.record(id, server, member, token);
                    yield Result.reply(count + 1, count + 1);
                }
                case Hold(long id) -> {
                    history.holding.countDown();
                    try {
                        history.release.await(30, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    yield Result.reply(count, count);
                }
                case Boom b -> throw new IllegalStateException("boom " + b.id());
                default -> Result.unhandled(count);
            };
        }

        @Override
        public Result<Long> handleCast(Object message, Long count) {
            if (message instanceof Note(long id)) {
                history.record(id, server, member, token);
                return Result.noReply(count + 1);
            }
            return Result.unhandled(count);
        }
    }

    private TestServers() {
    }
}
