package dev.genserver.spring.test.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verify;

import dev.genserver.spring.GenServers;
import dev.genserver.spring.test.GenServerTest;
import dev.genserver.spring.test.GenServerTester;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

/**
 * {@code @MockitoBean} of a client interface replaces what callers get, the proxy; the server
 * keeps running its own fresh instances. The field has the server's name on purpose: it once
 * replaced the server's own bean.
 */
@GenServerTest({Counter.class, CounterReader.class})
class MockedClientTests {

    @MockitoBean
    CounterApi counter;

    @Autowired
    CounterReader reader;

    @Autowired
    GenServers servers;

    @Autowired
    GenServerTester tester;

    @Test
    void callersGetTheMockAndTheServerStillRuns() {
        given(counter.value()).willReturn(42);
        assertThat(reader.read()).isEqualTo(42);
        verify(counter).value();
        assertThat((Integer) servers.call("counter", new Counter.Get())).isZero();
        assertThat(tester.state("counter", Counter.class)).isInstanceOf(Counter.class);
        tester.crashAndAwaitRestart("counter");
        assertThat(tester.state("counter", Counter.class)).isInstanceOf(Counter.class);
    }
}
