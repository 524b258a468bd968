package dev.genserver.spring.test.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.genserver.spring.GenServers;
import dev.genserver.spring.test.GenServerTest;
import dev.genserver.spring.test.GenServerTester;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/** The documented way to test one server: {@link GenServerTest} naming it, and {@link GenServerTester}. */
@GenServerTest(value = Counter.class, properties = "genserver.call-timeout=2s")
class GenServerTestSliceTests {

    @Autowired
    CounterApi counter;

    @Autowired
    GenServerTester tester;

    @Autowired
    ApplicationContext context;

    @Test
    void startsTheServerAwaitsItsMailboxAndShowsItsState() {
        int before = counter.value();
        counter.increment(3);                          // a cast: returns at once
        counter.increment(4);
        tester.awaitIdle("counter");                   // both handled now
        Counter state = tester.state("counter", Counter.class);
        assertThat(state.value()).isEqualTo(before + 7);
        assertThat(tester.formattedState("counter")).hasValueSatisfying(v -> assertThat(v.toString())
                .contains("count=" + (before + 7)));
    }

    @Test
    void aCrashRestartsTheServerWithAFreshInstance() {
        counter.increment(1);
        tester.awaitIdle("counter"); // else the increment, still queued, survives the crash in the mailbox
        tester.crashAndAwaitRestart("counter");
        assertThat(counter.value()).isZero();
    }

    @Test
    void holdsOnlyTheNamedServerAndNoOtherComponentOrAutoConfiguration() {
        assertThat(context.getBean(GenServers.class).definitions().servers())
                .extracting(d -> d.serverName()).containsExactly("counter");
        assertThat(context.getBeanNamesForType(Unrelated.class)).isEmpty();
        assertThat(context.getBeanNamesForType(Greeting.class)).isEmpty();
        assertThat(context.containsBean("applicationTaskExecutor")).isFalse();
        assertThat(context.getEnvironment().getProperty("genserver.call-timeout")).isEqualTo("2s");
    }
}
