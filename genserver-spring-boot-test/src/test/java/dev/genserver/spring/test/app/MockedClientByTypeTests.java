package dev.genserver.spring.test.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;

import dev.genserver.spring.GenServers;
import dev.genserver.spring.test.GenServerTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

/** {@code @MockitoBean} of a client interface under any field name finds one bean, the proxy. */
@GenServerTest({Counter.class, CounterReader.class})
class MockedClientByTypeTests {

    @MockitoBean
    CounterApi anyName;

    @Autowired
    CounterReader reader;

    @Autowired
    GenServers servers;

    @Test
    void theProxyIsTheOnlyCandidate() {
        given(anyName.value()).willReturn(7);
        assertThat(reader.read()).isEqualTo(7);
        assertThat((Integer) servers.call("counter", new Counter.Get())).isZero();
    }
}
