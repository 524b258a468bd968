package dev.genserver.state;

import dev.genserver.spring.annotation.GenServer;
import dev.genserver.spring.support.GenServerBeanRegistrar;
import dev.genserver.spring.support.ServerIntrospector;
import dev.genserver.spring.support.ServerModel;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import org.springframework.aot.hint.ExecutableMode;
import org.springframework.aot.hint.ReflectionHints;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.BindingReflectionHintsRegistrar;
import org.springframework.beans.factory.aot.BeanFactoryInitializationAotContribution;
import org.springframework.beans.factory.aot.BeanFactoryInitializationAotProcessor;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.config.ConstructorArgumentValues.ValueHolder;
import org.springframework.core.env.Environment;
import org.springframework.core.env.PropertyResolver;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.util.ReflectionUtils;

/**
 * Runtime hints for durable state in a native image (registered in
 * {@code META-INF/spring/aot.factories}). The Spring layer's hints already let the state fields be
 * read and written and the {@code @MigrateState} methods be invoked (every declared method of a
 * {@code @GenServer} class); what only durable state needs is Jackson's access to the types those
 * fields hold (their properties, constructors and accessors, recursively), since every state is
 * written and read as JSON. This adds binding hints for the generic type of every stored field of
 * every {@link Durable} server, and invocation hints for its migrations.
 */
final class StateHints implements BeanFactoryInitializationAotProcessor {

    @Override
    public BeanFactoryInitializationAotContribution processAheadOfTime(ConfigurableListableBeanFactory beanFactory) {
        if (!beanFactory.containsBeanDefinition(GenServerBeanRegistrar.DEFINITIONS_BEAN)) {
            return null;
        }
        BeanDefinition bd = beanFactory.getBeanDefinition(GenServerBeanRegistrar.DEFINITIONS_BEAN);
        ValueHolder holder = bd.getConstructorArgumentValues().getIndexedArgumentValue(1, Class[].class);
        if (holder == null || !(holder.getValue() instanceof Class<?>[] classes)) {
            return null;
        }
        List<Class<?>> durable = new ArrayList<>();
        for (Class<?> c : classes) {
            if (c.isAnnotationPresent(Durable.class)) {
                durable.add(c);
            }
        }
        if (durable.isEmpty()) {
            return null;
        }
        Environment environment = beanFactory.containsBean("environment")
                ? beanFactory.getBean("environment", Environment.class) : new StandardEnvironment();
        return (context, code) -> register(durable, environment, context.getRuntimeHints());
    }

    /**
     * Registers the hints of some durable server classes.
     *
     * @param serverClasses classes annotated {@code @GenServer} and {@link Durable}
     * @param resolver resolves the placeholders of their annotations
     * @param hints where the hints go
     */
    static void register(List<Class<?>> serverClasses, PropertyResolver resolver, RuntimeHints hints) {
        ReflectionHints reflection = hints.reflection();
        BindingReflectionHintsRegistrar binding = new BindingReflectionHintsRegistrar();
        for (Class<?> serverClass : serverClasses) {
            GenServer gs = serverClass.getAnnotation(GenServer.class);
            List<String> problems = new ArrayList<>();
            ServerModel model = ServerIntrospector.introspect(serverClass, gs == null ? new Class<?>[0] : gs.clients(),
                    resolver, problems);
            if (model == null) {
                continue;   // the application's startup reports the problems
            }
            for (Field f : StateModel.stored(model.stateFields())) {
                reflection.registerField(f);
                binding.registerReflectionHints(reflection, f.getGenericType());
            }
            ReflectionUtils.doWithMethods(serverClass, m -> reflection.registerMethod(m, ExecutableMode.INVOKE),
                    m -> m.isAnnotationPresent(MigrateState.class));
        }
    }
}
