package dev.genserver.spring.test.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;

import dev.genserver.spring.test.GenServerTest;
import dev.genserver.spring.test.GenServerTester;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

/** {@code @MockitoBean} of a server's dependency reaches every fresh instance. */
@GenServerTest(Greeter.class)
class MockedDependencyTests {

    @MockitoBean
    Greeting greeting;

    @Autowired
    GreeterApi greeter;

    @Autowired
    GenServerTester tester;

    @Test
    void everyInstanceGetsTheMock() {
        given(greeting.text()).willReturn("hi");
        assertThat(greeter.greet("ann")).isEqualTo("hi, ann");
        assertThat(greeter.greeting()).isSameAs(greeting);
        int first = greeter.instance();

        tester.crashAndAwaitRestart("greeter");

        assertThat(greeter.instance()).isNotEqualTo(first);
        assertThat(greeter.greeting()).isSameAs(greeting);
        assertThat(greeter.greet("bob")).isEqualTo("hi, bob");
    }
}
