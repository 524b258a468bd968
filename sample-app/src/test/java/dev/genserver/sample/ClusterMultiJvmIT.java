package dev.genserver.sample;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The multi-JVM cluster check (issue 11, contract §17.8): three instances of the packaged sample
 * app, each its own {@code java} process on loopback ({@code --spring.profiles.active=cluster}, its
 * own HTTP and Hazelcast ports), driven only over HTTP. Callers on every instance call the job
 * queue singleton and 300 users' sharded carts, each call with its own id as the job or item name.
 * Faults: a {@code SIGSTOP} of an instance that does not host the singleton for longer than failure
 * detection, then {@code SIGCONT}; a {@code SIGKILL} of the singleton's host. Every reply carries
 * the queue's or cart's whole content, so the history shows whether an id was ever handled twice
 * (twice in one incarnation's list, or in two incarnations). Run with
 * {@code ./mvnw -Pcluster-multi-jvm -pl sample-app -am verify} (not part of the default build).
 */
class ClusterMultiJvmIT {

    private static final int USERS = 300;
    private static final int CALLERS_PER_INSTANCE = 2;
    /** The sample's cluster profile: hazelcast.max.no.heartbeat.seconds and genserver.cluster.takeover-delay. */
    private static final Duration DETECTION = Duration.ofSeconds(10);
    private static final Duration TAKEOVER_DELAY = Duration.ofSeconds(5);
    /** The default genserver.cluster.call-timeout. */
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration PAUSE = DETECTION.plusSeconds(5);
    /** Kill → first reply from the new incarnation: worst-case detection + takeover delay + 2 s. */
    private static final Duration FAILOVER_BOUND = DETECTION.plus(TAKEOVER_DELAY).plusSeconds(2);
    /** No request may take longer: a call's timeout, plus the pause for a request held by a stopped process. */
    private static final Duration HUNG = CALL_TIMEOUT.plus(PAUSE).plusSeconds(15);

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<Instance> instances = new ArrayList<>();
    private final AtomicLong ids = new AtomicLong();
    private final History history = new History();
    private volatile boolean traffic = true;
    private final List<Thread> callers = new ArrayList<>();

    /** One process of the sample app. */
    private record Instance(int index, int httpPort, int clusterPort, Process process, Path log) {
        String name() {
            return "instance:" + httpPort;
        }

        URI uri(String path) {
            return URI.create("http://127.0.0.1:" + httpPort + path);
        }
    }

    /** One call and its outcome. */
    private record Call(long id, String kind, String target, Instance via, long startNanos, long endNanos,
                        String outcome, String instance, long fencingToken, List<String> content) {
    }

    private static final class History {
        final ConcurrentLinkedQueue<Call> calls = new ConcurrentLinkedQueue<>();
        final Map<Long, Boolean> started = new ConcurrentHashMap<>();
    }

    @AfterEach
    void stopEverything() throws Exception {
        traffic = false;
        for (Thread t : callers) {
            t.interrupt();
        }
        for (Instance i : instances) {
            // SIGKILL ends a stopped process too
            i.process().destroyForcibly();
        }
        for (Instance i : instances) {
            i.process().waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    @Timeout(value = 12, unit = TimeUnit.MINUTES)
    void threeJvmsThroughAPauseAndAKillHandleNoCallTwiceAndLoseNone() throws Exception {
        Path jar = Path.of(System.getProperty("shop.jar", "target/sample-app-exec.jar"));
        assertThat(jar).as("the packaged sample app (mvn -Pcluster-multi-jvm package)").exists();
        String java = ProcessHandle.current().info().command().orElseThrow();
        Path dir = Path.of("target", "multi-jvm");
        Files.createDirectories(dir);
        int[] httpPorts = freePorts(3);
        int[] clusterPorts = freePorts(3);
        String members = List.of(0, 1, 2).stream().map(i -> "127.0.0.1:" + clusterPorts[i])
                .collect(Collectors.joining(","));
        for (int i = 0; i < 3; i++) {
            Path home = Files.createDirectories(dir.resolve("instance-" + (i + 1)));
            Path log = dir.resolve("shop-" + (i + 1) + ".log");
            List<String> command = new ArrayList<>(List.of(java, "-Xmx384m", "-XX:TieredStopAtLevel=1",
                    "-Djava.io.tmpdir=" + home.toAbsolutePath(),
                    // the paused member rejoins through Hazelcast's split-brain merge within seconds
                    "-Dhazelcast.merge.first.run.delay.seconds=5", "-Dhazelcast.merge.next.run.delay.seconds=5",
                    "-jar", jar.toAbsolutePath().toString(), "--spring.profiles.active=cluster",
                    "--server.port=" + httpPorts[i], "--shop.cluster.port=" + clusterPorts[i],
                    "--shop.cluster.members=" + members,
                    // error replies name the exception, so the history tells typed failures apart
                    "--spring.web.error.include-exception=true", "--spring.web.error.include-message=always"));
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            instances.add(new Instance(i + 1, httpPorts[i], clusterPorts[i], p, log));
        }
        long startAt = System.nanoTime();
        awaitMembers(instances, 3, Duration.ofMinutes(5));
        System.out.printf("multi-jvm: 3 instances up and joined in %d s%n",
                TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - startAt));

        for (Instance i : instances) {
            for (int c = 0; c < CALLERS_PER_INSTANCE; c++) {
                callers.add(Thread.ofVirtual().name("caller-" + i.index() + "-" + c).start(() -> callLoop(i)));
            }
        }
        awaitOk(300, Duration.ofMinutes(2));

        // 1. pause an instance that does not host the singleton for longer than failure detection
        String host = singletonHostName();
        Instance paused = instances.stream().filter(i -> !i.name().equals(host)).findFirst().orElseThrow();
        signal("STOP", paused);
        long pausedAt = System.nanoTime();
        sleep(PAUSE);
        signal("CONT", paused);
        System.out.printf("multi-jvm: %s paused for %d s%n", paused.name(),
                TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - pausedAt));
        awaitMembers(instances, 3, Duration.ofMinutes(3));
        awaitOk(300, Duration.ofMinutes(2));

        // 2. kill the singleton's host
        String hostNow = singletonHostName();
        Instance victim = instances.stream().filter(i -> i.name().equals(hostNow)).findFirst().orElseThrow();
        long tokenBefore = lastToken(hostNow);
        long killedAt = System.nanoTime();
        victim.process().destroyForcibly();
        victim.process().waitFor(30, TimeUnit.SECONDS);
        List<Instance> survivors = instances.stream().filter(i -> i != victim).toList();
        awaitMembers(survivors, 2, Duration.ofMinutes(1));
        long deadline = System.nanoTime() + FAILOVER_BOUND.plusSeconds(30).toNanos();
        while (firstOkAfter(killedAt, tokenBefore) == null && System.nanoTime() < deadline) {
            sleep(Duration.ofMillis(100));
        }
        Call first = firstOkAfter(killedAt, tokenBefore);
        assertThat(first).as("a job call answered by a new incarnation of the queue after the kill").isNotNull();
        Duration failover = Duration.ofNanos(first.endNanos() - killedAt);
        awaitOk(300, Duration.ofMinutes(2));

        // 3. stop and let every call end
        traffic = false;
        for (Thread t : callers) {
            assertThat(t.join(HUNG.plusSeconds(30))).as(t + " ended").isTrue();
        }
        check(victim, paused, failover);
    }

    private void check(Instance killed, Instance paused, Duration failover) {
        List<Call> calls = List.copyOf(history.calls);
        assertThat(calls).hasSize(history.started.size());
        Map<String, Long> outcomes = new TreeMap<>(calls.stream()
                .collect(Collectors.groupingBy(c -> c.outcome().split(": ", 2)[0], Collectors.counting())));
        // no call handled twice: within an incarnation its list only grows, so an id has one place
        // (one prefix); an id in two different places was handled twice
        Map<String, Map<String, String>> placeOfId = new ConcurrentHashMap<>();
        List<String> duplicates = new ArrayList<>();
        for (Call c : calls) {
            if (!c.outcome().equals("ok")) {
                continue;
            }
            Set<String> seen = new HashSet<>();
            long prefix = 17;
            int position = 0;
            for (String id : c.content()) {
                if (!seen.add(id)) {
                    duplicates.add(c.target() + ": " + id + " twice in one reply");
                }
                prefix = prefix * 1_000_003 + id.hashCode();
                String place = Long.toHexString(prefix) + "/" + position++;
                String before = placeOfId.computeIfAbsent(c.target(), t -> new ConcurrentHashMap<>())
                        .putIfAbsent(id, place);
                if (before != null && !before.equals(place)) {
                    duplicates.add(c.target() + ": " + id + " handled by two incarnations");
                }
            }
            assertThat(c.content()).as("call %d's reply contains it", c.id()).contains(String.valueOf(c.id()));
        }
        long ok = outcomes.getOrDefault("ok", 0L);
        long lostWithProcess = calls.stream().filter(c -> c.outcome().startsWith("connection:")).count();
        long maxMillis = calls.stream().mapToLong(c -> TimeUnit.NANOSECONDS.toMillis(c.endNanos() - c.startNanos()))
                .max().orElse(0);
        System.out.printf(Locale.ROOT, "multi-jvm: %d calls: %s; duplicates %d; failover %d ms (bound %d ms); "
                        + "slowest call %d ms; killed %s, paused %s%n", calls.size(), outcomes, duplicates.size(),
                failover.toMillis(), FAILOVER_BOUND.toMillis(), maxMillis, killed.name(), paused.name());
        assertThat(duplicates).as("calls handled twice").isEmpty();
        // every call answered, or a typed exception, or cut by the kill of the instance it was sent to
        assertThat(calls).allSatisfy(c -> assertThat(c.outcome().equals("ok") || c.outcome().startsWith("typed:")
                || (c.outcome().startsWith("connection:") && c.via() == killed))
                .as("call %d via %s: %s", c.id(), c.via().name(), c.outcome()).isTrue());
        assertThat(lostWithProcess).isLessThanOrEqualTo(CALLERS_PER_INSTANCE);
        assertThat(maxMillis).as("no hung caller").isLessThan(HUNG.toMillis());
        assertThat(failover).as("failover within detection + takeover delay + 2 s").isLessThan(FAILOVER_BOUND);
        assertThat(ok).isGreaterThan(calls.size() / 2);
    }

    private void callLoop(Instance via) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        while (traffic && via.process().isAlive()) {
            long id = ids.incrementAndGet();
            boolean job = random.nextBoolean();
            String target = job ? "jobs" : "cart:u" + random.nextInt(USERS);
            String path = job ? "/cluster/jobs?name=" + id : "/cluster/carts/" + target.substring(5) + "?item=" + id;
            history.started.put(id, true);
            long start = System.nanoTime();
            String outcome;
            String instance = "";
            long token = 0;
            List<String> content = List.of();
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(via.uri(path))
                        .timeout(HUNG).POST(HttpRequest.BodyPublishers.noBody()).build(),
                        HttpResponse.BodyHandlers.ofString());
                JsonNode body = JSON.readTree(r.body());
                if (r.statusCode() == 200) {
                    outcome = "ok";
                    instance = body.path("instance").asString();
                    token = body.path("fencingToken").asLong(0);
                    List<String> items = new ArrayList<>();
                    body.path(job ? "jobs" : "items").forEach(n -> items.add(n.asString()));
                    content = items;
                } else {
                    String exception = body.path("exception").asString("");
                    outcome = exception.startsWith("dev.genserver.")
                            ? "typed:" + exception.substring(exception.lastIndexOf('.') + 1) + ": "
                            + body.path("message").asString("")
                            : "untyped: HTTP " + r.statusCode() + " " + r.body();
                }
            } catch (java.net.http.HttpTimeoutException e) {
                outcome = "hung: " + e;
            } catch (IOException e) {
                outcome = "connection: " + e;
            } catch (InterruptedException e) {
                outcome = "connection: interrupted";
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                outcome = "untyped: " + e;
            }
            history.calls.add(new Call(id, job ? "job" : "cart", target, via, start, System.nanoTime(), outcome,
                    instance, token, content));
            if (Thread.currentThread().isInterrupted()) {
                return;
            }
            sleep(Duration.ofMillis(20));
        }
    }

    private Call firstOkAfter(long killedAt, long tokenBefore) {
        return history.calls.stream().filter(c -> c.kind().equals("job") && c.outcome().equals("ok")
                        && c.endNanos() > killedAt && c.fencingToken() > tokenBefore)
                .min((a, b) -> Long.compare(a.endNanos(), b.endNanos())).orElse(null);
    }

    private long lastToken(String instance) {
        return history.calls.stream().filter(c -> c.kind().equals("job") && c.outcome().equals("ok")
                && c.instance().equals(instance)).mapToLong(Call::fencingToken).max().orElseThrow();
    }

    /** The instance named by the latest successful job reply. */
    private String singletonHostName() {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        long after = System.nanoTime();
        while (System.nanoTime() < deadline) {
            var latest = history.calls.stream().filter(c -> c.kind().equals("job") && c.outcome().equals("ok")
                    && c.startNanos() > after).findFirst();
            if (latest.isPresent()) {
                return latest.get().instance();
            }
            sleep(Duration.ofMillis(100));
        }
        throw new AssertionError("no job call succeeded for a minute");
    }

    private void awaitOk(int more, Duration atMost) {
        long target = history.calls.stream().filter(c -> c.outcome().equals("ok")).count() + more;
        long deadline = System.nanoTime() + atMost.toNanos();
        while (history.calls.stream().filter(c -> c.outcome().equals("ok")).count() < target) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("fewer than " + more + " successful calls within " + atMost);
            }
            sleep(Duration.ofMillis(200));
        }
    }

    /** Waits until each instance's cluster health lists {@code size} members and has quorum. */
    private void awaitMembers(List<Instance> of, int size, Duration atMost) {
        long deadline = System.nanoTime() + atMost.toNanos();
        for (Instance i : of) {
            while (true) {
                assertThat(i.process().isAlive()).as(i.name() + " is running (log: " + i.log() + ")").isTrue();
                try {
                    HttpResponse<String> r = http.send(HttpRequest.newBuilder(i.uri("/actuator/health/genserverCluster"))
                            .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
                    JsonNode details = JSON.readTree(r.body()).path("details");
                    if (r.statusCode() == 200 && details.path("members").size() == size
                            && details.path("quorum").asBoolean(false)) {
                        break;
                    }
                } catch (IOException | RuntimeException e) {
                    // not up yet
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError(e);
                }
                if (System.nanoTime() > deadline) {
                    throw new AssertionError(i.name() + " does not see " + size + " members with quorum within "
                            + atMost + " (log: " + i.log() + ")");
                }
                sleep(Duration.ofMillis(500));
            }
        }
    }

    private static void signal(String signal, Instance i) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + signal, String.valueOf(i.process().pid())).inheritIO().start();
        assertThat(kill.waitFor()).as("kill -" + signal + " " + i.name()).isZero();
    }

    private static int[] freePorts(int n) throws IOException {
        int[] ports = new int[n];
        List<ServerSocket> open = new ArrayList<>();
        try {
            for (int i = 0; i < n; i++) {
                ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                open.add(s);
                ports[i] = s.getLocalPort();
            }
        } finally {
            for (ServerSocket s : open) {
                s.close();
            }
        }
        return ports;
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
