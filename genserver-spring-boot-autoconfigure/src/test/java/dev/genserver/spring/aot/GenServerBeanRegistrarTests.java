package dev.genserver.spring.aot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.genserver.spring.fixtures.Counter;
import dev.genserver.spring.fixtures.CounterApi;
import dev.genserver.spring.support.GenServerBeanRegistrar;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.core.env.StandardEnvironment;

/** The registrar's definitions: no instance supplier, idempotent, the proxy the only typed candidate. */
class GenServerBeanRegistrarTests {

    private static DefaultListableBeanFactory registered() {
        DefaultListableBeanFactory factory = new DefaultListableBeanFactory();
        factory.registerBeanDefinition("counter", new RootBeanDefinition(Counter.class));
        GenServerBeanRegistrar registrar = new GenServerBeanRegistrar();
        registrar.setBeanFactory(factory);
        registrar.setEnvironment(new StandardEnvironment());
        registrar.postProcessBeanDefinitionRegistry(factory);
        return factory;
    }

    @Test
    void registersDefinitionsAheadOfTimeProcessingCanWrite() {
        DefaultListableBeanFactory factory = registered();
        for (String name : factory.getBeanDefinitionNames()) {
            BeanDefinition bd = factory.getBeanDefinition(name);
            assertThat(((RootBeanDefinition) bd).getInstanceSupplier()).as(name).isNull();
        }
        assertThat(factory.getBeanDefinition("counter").isPrototype()).isTrue();
        assertThat(factory.getBeanDefinition("counter").isAutowireCandidate()).isFalse();
    }

    @Test
    void runningAgainAddsNothing() {
        DefaultListableBeanFactory factory = registered();
        List<String> before = List.of(factory.getBeanDefinitionNames());
        GenServerBeanRegistrar again = new GenServerBeanRegistrar();
        again.setBeanFactory(factory);
        again.setEnvironment(new StandardEnvironment());
        again.postProcessBeanDefinitionRegistry(factory);
        assertThat(factory.getBeanDefinitionNames()).containsExactlyElementsOf(before);
    }

    @Test
    void theProxyIsTheOnlyAutowireCandidateOfTheClientInterface() {
        DefaultListableBeanFactory factory = registered();
        assertThat(List.of(factory.getBeanNamesForType(CounterApi.class, true, false)).stream()
                .filter(n -> factory.getMergedBeanDefinition(n).isAutowireCandidate()).toList()).containsExactly("counter.client.CounterApi");
    }
}
