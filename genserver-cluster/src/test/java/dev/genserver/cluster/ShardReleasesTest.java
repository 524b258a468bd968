package dev.genserver.cluster;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Function;

import dev.genserver.process.ServerRef;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The release handshake of a key's new owner (contract §17.5), against a scripted engine: the key
 * starts once every other member answered that it released it, or left the member list; a member
 * that keeps saying "ask again" holds the start; one that never answers is presumed gone after 2 s
 * (not after the hand-off timeout, here a minute).
 */
class ShardReleasesTest {

    private static final ClusterNode.ShardId CART_ANN = new ClusterNode.ShardId("cart", "ann");

    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
    private final List<String> members = new CopyOnWriteArrayList<>(List.of("me", "old", "other"));
    /** What each member answers to a release request; absent: never answers. */
    private final Map<String, Function<Wire.Envelope, Byte>> answers = new ConcurrentHashMap<>();
    private final List<String> asked = new CopyOnWriteArrayList<>();
    /** Members whose engine runs no node yet (an application still starting). */
    private final List<String> noNode = new CopyOnWriteArrayList<>();

    private final ShardReleases releases = new ShardReleases(new ShardReleases.Node() {
        @Override
        public ClusterEngine engine() {
            return engine;
        }

        @Override
        public ServerRef detach(ClusterNode.ShardId id) {
            return null;
        }

        @Override
        public boolean owns(String key) {
            return false;
        }
    }, timers, Runnable::run, Duration.ofMinutes(1), () -> false);

    private final ClusterEngine engine = new ClusterEngine() {
        @Override
        public String localMember() {
            return "me";
        }

        @Override
        public List<String> members() {
            return List.copyOf(members);
        }

        @Override
        public String ownerOf(String shardKey) {
            return "me";
        }

        @Override
        public int partitionOf(String shardKey) {
            return 0;
        }

        @Override
        public CompletableFuture<byte[]> deliver(String member, byte[] bytes) {
            Wire.Envelope envelope = Wire.batch(bytes).getFirst();
            assertThat(envelope.kind()).isEqualTo(Wire.RELEASE);
            asked.add(member);
            if (noNode.contains(member)) {
                return CompletableFuture.failedFuture(new ClusterEngine.NotDeliveredException(
                        "not delivered to " + member + ": no genserver ClusterNode runs on this member yet", null));
            }
            Function<Wire.Envelope, Byte> answer = answers.get(member);
            if (answer == null) {
                return new CompletableFuture<>(); // paused: never answers
            }
            return CompletableFuture.completedFuture(Wire.answer(new byte[] {answer.apply(envelope)}, List.of()));
        }

        @Override
        public void notify(String member, byte[] bytes) {
        }

        @Override
        public long nextFencingToken(String name) {
            return 1;
        }

        @Override
        public void start(Inbound inbound, Runnable events) {
        }

        @Override
        public void leave() {
        }

        @Override
        public boolean isRunning() {
            return true;
        }
    };

    @AfterEach
    void stop() {
        timers.shutdownNow();
    }

    @Test
    void theKeyStartsOnceEveryOtherMemberReleasedItAndStaysReleased() {
        Map<String, Integer> stillStopping = new ConcurrentHashMap<>(Map.of("old", 3));
        answers.put("old", e -> stillStopping.merge("old", -1, Integer::sum) >= 0 ? Wire.NOT_OWNER : Wire.ACCEPTED);
        answers.put("other", e -> Wire.ACCEPTED);

        assertThat(releases.mayStart(CART_ANN)).as("asks first").isFalse();
        await().atMost(Duration.ofSeconds(10)).until(() -> releases.mayStart(CART_ANN));
        assertThat(asked.stream().filter("old"::equals).count()).as("asked again while it stopped").isGreaterThan(3);
        int before = asked.size();
        assertThat(releases.mayStart(CART_ANN)).as("released: a passivated instance starts again at once").isTrue();
        assertThat(asked).hasSize(before);

        releases.membershipChanged();
        assertThat(releases.mayStart(CART_ANN)).as("the member list changed: ask again").isFalse();
        await().atMost(Duration.ofSeconds(10)).until(() -> releases.mayStart(CART_ANN));
    }

    @Test
    void aMemberThatAnotherAskedForTheKeyMustAskAgain() {
        answers.put("old", e -> Wire.ACCEPTED);
        answers.put("other", e -> Wire.ACCEPTED);
        releases.mayStart(CART_ANN);
        await().atMost(Duration.ofSeconds(10)).until(() -> releases.mayStart(CART_ANN));

        assertThat(releases.onRelease(CART_ANN)).as("nothing runs here").isEqualTo(Wire.ACCEPTED);
        assertThat(releases.mayStart(CART_ANN)).as("the key may have moved away and back").isFalse();
    }

    @Test
    void aMemberThatLeftTheListHasReleasedEverything() {
        answers.put("other", e -> Wire.ACCEPTED);
        answers.put("old", e -> Wire.NOT_OWNER); // would hold the start for the hand-off timeout (a minute)
        assertThat(releases.mayStart(CART_ANN)).isFalse();
        await().atMost(Duration.ofSeconds(10)).until(() -> asked.contains("old"));
        assertThat(releases.mayStart(CART_ANN)).isFalse();

        members.remove("old"); // failure detection removed it

        await().atMost(Duration.ofSeconds(10)).until(() -> releases.mayStart(CART_ANN));
    }

    @Test
    void aMemberWhereNoNodeRunsYetHostsNothing() {
        answers.put("other", e -> Wire.ACCEPTED);
        noNode.add("old");
        long start = System.nanoTime();
        assertThat(releases.mayStart(CART_ANN)).isFalse();

        await().atMost(Duration.ofSeconds(20)).until(() -> releases.mayStart(CART_ANN));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("not the 2 s of a silent member")
                .isLessThan(Duration.ofMillis(ShardReleases.GRACE_MILLIS));
    }

    @Test
    void aMemberThatNeverAnswersIsPresumedGoneAfterTwoSecondsNotAfterTheHandOffTimeout() {
        answers.put("other", e -> Wire.ACCEPTED); // "old" never answers: paused
        long start = System.nanoTime();
        assertThat(releases.mayStart(CART_ANN)).isFalse();

        await().atMost(Duration.ofSeconds(20)).until(() -> releases.mayStart(CART_ANN));
        assertThat(Duration.ofNanos(System.nanoTime() - start))
                .isGreaterThanOrEqualTo(Duration.ofMillis(ShardReleases.GRACE_MILLIS))
                .isLessThan(Duration.ofSeconds(50));
    }
}
