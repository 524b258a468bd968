package dev.genserver.cluster.autoconfigure;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;

import dev.genserver.cluster.Clustered;
import dev.genserver.cluster.Placement;
import dev.genserver.spring.annotation.GenServer;
import dev.genserver.spring.annotation.HandleCall;
import dev.genserver.spring.support.Barrier;
import dev.genserver.spring.support.GenServerBeanRegistrar;
import dev.genserver.spring.support.ServerIntrospector;
import dev.genserver.spring.support.ServerModel;
import org.springframework.aot.hint.BindingReflectionHintsRegistrar;
import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.ReflectionHints;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.beans.factory.aot.BeanFactoryInitializationAotContribution;
import org.springframework.beans.factory.aot.BeanFactoryInitializationAotProcessor;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.config.ConstructorArgumentValues.ValueHolder;
import org.springframework.core.env.Environment;
import org.springframework.core.env.PropertyResolver;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.util.ClassUtils;

/**
 * Runtime hints for {@link Clustered @Clustered} servers in a native image (registered in
 * {@code META-INF/spring/aot.factories}). The Spring layer's hints let the server classes, their
 * handlers and their client interfaces be reflected on; what only the cluster needs is Jackson's
 * access to everything that crosses between members as JSON (contract §17.4, §17.9): the declared
 * generic type of every client method's parameters and reply, the message-style handlers'
 * message and reply types, and the {@code (String)} or no-argument constructor through which a
 * declared exception is rebuilt on the caller.
 */
final class ClusterHints implements BeanFactoryInitializationAotProcessor {

    @Override
    public BeanFactoryInitializationAotContribution processAheadOfTime(ConfigurableListableBeanFactory beanFactory) {
        // genserver's Spring support is optional for genserver-cluster: nothing to do without it
        if (!ClassUtils.isPresent("dev.genserver.spring.support.GenServerBeanRegistrar", beanFactory.getBeanClassLoader())
                || !beanFactory.containsBeanDefinition(GenServerBeanRegistrar.DEFINITIONS_BEAN)) {
            return null;
        }
        BeanDefinition bd = beanFactory.getBeanDefinition(GenServerBeanRegistrar.DEFINITIONS_BEAN);
        ValueHolder holder = bd.getConstructorArgumentValues().getIndexedArgumentValue(1, Class[].class);
        if (holder == null || !(holder.getValue() instanceof Class<?>[] classes)) {
            return null;
        }
        List<Class<?>> placed = new ArrayList<>();
        for (Class<?> c : classes) {
            Clustered clustered = c.getAnnotation(Clustered.class);
            if (clustered != null && clustered.value() != Placement.LOCAL) {
                placed.add(c);
            }
        }
        if (placed.isEmpty()) {
            return null;
        }
        Environment environment = beanFactory.containsBean("environment")
                ? beanFactory.getBean("environment", Environment.class) : new StandardEnvironment();
        return (context, code) -> register(placed, environment, context.getRuntimeHints());
    }

    /**
     * Registers the hints of some placed server classes.
     *
     * @param serverClasses classes annotated {@code @GenServer} and {@code @Clustered} (not LOCAL)
     * @param resolver resolves the placeholders of their annotations
     * @param hints where the hints go
     */
    static void register(List<Class<?>> serverClasses, PropertyResolver resolver, RuntimeHints hints) {
        ReflectionHints reflection = hints.reflection();
        BindingReflectionHintsRegistrar binding = new BindingReflectionHintsRegistrar();
        binding.registerReflectionHints(reflection, Barrier.class);
        for (Class<?> serverClass : serverClasses) {
            GenServer gs = serverClass.getAnnotation(GenServer.class);
            ServerModel model = ServerIntrospector.introspect(serverClass, gs == null ? new Class<?>[0] : gs.clients(),
                    resolver, new ArrayList<>());
            if (model == null) {
                continue; // the application's startup reports the problems
            }
            for (Class<?> iface : model.clientInterfaces()) {
                for (Method m : iface.getMethods()) {
                    if (Modifier.isStatic(m.getModifiers()) || m.getDeclaringClass() == Object.class) {
                        continue;
                    }
                    for (Type parameter : m.getGenericParameterTypes()) {
                        binding.registerReflectionHints(reflection, parameter);
                    }
                    Type reply = WireTypes.replyType(m);
                    if (reply != null) {
                        binding.registerReflectionHints(reflection, reply);
                    }
                    for (Class<?> exception : m.getExceptionTypes()) {
                        reflection.registerType(exception, MemberCategory.INVOKE_DECLARED_CONSTRUCTORS);
                    }
                }
            }
            List<Class<?>> messages = new ArrayList<>(model.callTypes());
            messages.addAll(model.castTypes());
            messages.addAll(model.infoTypes());
            for (Class<?> k = serverClass; k != null && k != Object.class; k = k.getSuperclass()) {
                for (Method m : k.getDeclaredMethods()) {
                    if (m.isAnnotationPresent(HandleCall.class)) {
                        messages.add(m.getReturnType());
                    }
                }
            }
            for (Class<?> type : messages) {
                if (!type.isPrimitive() && type != Object.class && type != Void.class) {
                    binding.registerReflectionHints(reflection, type);
                }
            }
        }
    }
}
