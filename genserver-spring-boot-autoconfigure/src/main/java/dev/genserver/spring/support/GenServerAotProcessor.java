package dev.genserver.spring.support;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.aot.hint.ExecutableMode;
import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.ReflectionHints;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.beans.factory.aot.BeanFactoryInitializationAotContribution;
import org.springframework.beans.factory.aot.BeanFactoryInitializationAotProcessor;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.config.ConstructorArgumentValues.ValueHolder;
import org.springframework.core.env.Environment;
import org.springframework.core.env.StandardEnvironment;

/**
 * Runtime hints for the servers of an application processed ahead of time (registered in
 * {@code META-INF/spring/aot.factories}): a JDK proxy and public-method reflection for every
 * client interface; for every {@code @GenServer} class, invocation of its handler methods, hooks
 * and client-method implementations, introspection of its declared methods, constructors and
 * fields (read again at startup), and write access to its {@code @ServerKey} and state fields.
 */
final class GenServerAotProcessor implements BeanFactoryInitializationAotProcessor {

    @Override
    public BeanFactoryInitializationAotContribution processAheadOfTime(ConfigurableListableBeanFactory beanFactory) {
        if (!beanFactory.containsBeanDefinition(GenServerBeanRegistrar.DEFINITIONS_BEAN)) {
            return null;
        }
        ServerDefinitions definitions = read(beanFactory);
        if (definitions.servers().isEmpty()) {
            return null;
        }
        return (context, code) -> registerHints(definitions, context.getRuntimeHints());
    }

    private static ServerDefinitions read(ConfigurableListableBeanFactory beanFactory) {
        BeanDefinition bd = beanFactory.getBeanDefinition(GenServerBeanRegistrar.DEFINITIONS_BEAN);
        String[] beans = argument(bd, 0, String[].class);
        Class<?>[] classes = argument(bd, 1, Class[].class);
        Class<?>[] supervisors = argument(bd, 2, Class[].class);
        List<ServerDefinitionReader.Candidate> candidates = new ArrayList<>();
        for (int i = 0; i < beans.length; i++) {
            candidates.add(new ServerDefinitionReader.Candidate(beans[i], classes[i], null));
        }
        Environment environment = beanFactory.containsBean("environment")
                ? beanFactory.getBean("environment", Environment.class) : new StandardEnvironment();
        return ServerDefinitionReader.read(candidates, List.of(supervisors), environment);
    }

    private static <T> T argument(BeanDefinition bd, int index, Class<T> type) {
        ValueHolder holder = bd.getConstructorArgumentValues().getIndexedArgumentValue(index, type);
        if (holder == null || !type.isInstance(holder.getValue())) {
            throw new IllegalStateException("bean definition " + GenServerBeanRegistrar.DEFINITIONS_BEAN
                    + " has no " + type.getSimpleName() + " argument at index " + index
                    + "; it must be registered by GenServerBeanRegistrar");
        }
        return type.cast(holder.getValue());
    }

    /**
     * Registers the hints of every server.
     *
     * @param definitions the servers
     * @param hints where to register them
     */
    static void registerHints(ServerDefinitions definitions, RuntimeHints hints) {
        ReflectionHints reflection = hints.reflection();
        for (ServerDefinition def : definitions.servers()) {
            ServerModel model = def.model();
            for (Class<?> type = model.serverClass(); type != null && type != Object.class;
                    type = type.getSuperclass()) {
                reflection.registerType(type, MemberCategory.INVOKE_DECLARED_CONSTRUCTORS,
                        MemberCategory.INVOKE_DECLARED_METHODS, MemberCategory.ACCESS_DECLARED_FIELDS);
            }
            for (Method m : handlerMethods(model)) {
                reflection.registerMethod(m, ExecutableMode.INVOKE);
            }
            for (Field f : model.keyFields()) {
                reflection.registerField(f);
            }
            for (ServerModel.StateField f : model.stateFields) {
                reflection.registerField(f.field());
            }
            for (Class<?> iface : model.clientInterfaces()) {
                hints.proxies().registerJdkProxy(iface);
                reflection.registerType(iface, MemberCategory.INVOKE_PUBLIC_METHODS);
            }
        }
    }

    private static Set<Method> handlerMethods(ServerModel model) {
        Set<Method> methods = new LinkedHashSet<>();
        for (Dispatch d : List.of(model.calls, model.casts, model.infos, model.continues)) {
            d.entries().forEach(e -> methods.add(e.handler().method()));
        }
        for (HandlerMethod hook : new HandlerMethod[] {model.init, model.terminate, model.formatStatus}) {
            if (hook != null) {
                methods.add(hook.method());
            }
        }
        for (ClientMethod cm : model.clientMethods()) {
            if (cm.implementation() != null) {
                methods.add(cm.implementation());
            }
        }
        methods.addAll(StateMachineBeans.handlerMethods(model.serverClass()));
        return methods;
    }
}
