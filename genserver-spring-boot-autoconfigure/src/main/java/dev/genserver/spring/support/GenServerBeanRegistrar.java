package dev.genserver.spring.support;

import dev.genserver.process.OverflowPolicy;
import dev.genserver.spring.GenServerDefinitionException;
import dev.genserver.spring.InternalApi;
import dev.genserver.spring.KeyedServers;
import dev.genserver.spring.annotation.GenServer;
import dev.genserver.spring.annotation.Keyed;
import dev.genserver.spring.annotation.Supervisor;
import dev.genserver.supervisor.RestartType;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.AnnotatedBeanDefinition;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.AbstractBeanDefinition;
import org.springframework.beans.factory.support.AutowireCandidateQualifier;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.MethodParameter;
import org.springframework.core.Ordered;
import org.springframework.core.ResolvableType;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.core.env.Environment;
import org.springframework.core.type.MethodMetadata;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

/**
 * Turns {@link GenServer} beans into servers, before any bean is created:
 *
 * <ul>
 *   <li>reads and validates every {@code @GenServer} class (handlers, hooks, client interfaces,
 *       attributes) and fails the startup with all problems at once;</li>
 *   <li>makes each server bean a prototype that is not an injection candidate: the runtime gets
 *       a fresh instance for every start and restart, and nobody else can get one by
 *       injection;</li>
 *   <li>registers, for each client interface, a proxy bean (qualified by the server name), or
 *       for a {@link Keyed} server a {@link KeyedServers} bean;</li>
 *   <li>registers the {@link ServerDefinitions} bean.</li>
 * </ul>
 *
 * Registered by {@link dev.genserver.spring.autoconfigure.GenServerAutoConfiguration} as a static bean.
 */
@InternalApi
public class GenServerBeanRegistrar implements BeanDefinitionRegistryPostProcessor, EnvironmentAware,
        BeanFactoryAware, Ordered {

    /** Creates the instance. */
    public GenServerBeanRegistrar() {
    }

    /** The bean name of the {@link ServerDefinitions}. */
    public static final String DEFINITIONS_BEAN = "genServerDefinitions";

    private Environment environment;
    private BeanFactory beanFactory;

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void setBeanFactory(BeanFactory beanFactory) {
        this.beanFactory = beanFactory;
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

    @Override
    public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) throws BeansException {
        if (registry.containsBeanDefinition(DEFINITIONS_BEAN)) {
            return;
        }
        ClassLoader classLoader = beanFactory instanceof ConfigurableListableBeanFactory c
                ? c.getBeanClassLoader() : ClassUtils.getDefaultClassLoader();
        List<String> problems = new ArrayList<>();
        List<ServerDefinition> servers = new ArrayList<>();
        List<Supervisor> supervisors = new ArrayList<>();
        Map<String, String> serverByBean = new HashMap<>();
        for (String beanName : registry.getBeanDefinitionNames()) {
            BeanDefinition bd = registry.getBeanDefinition(beanName);
            Class<?> type = beanClass(bd, classLoader);
            if (type == null) {
                continue;
            }
            MergedAnnotations annotations = MergedAnnotations.from(type, MergedAnnotations.SearchStrategy.TYPE_HIERARCHY);
            annotations.stream(Supervisor.class).forEach(a -> supervisors.add(a.synthesize()));
            if (!annotations.isPresent(GenServer.class)) {
                continue;
            }
            GenServer gs = AnnotatedElementUtils.findMergedAnnotation(type, GenServer.class);
            ServerModel model = ServerIntrospector.introspect(type, gs.clients(), environment, problems);
            String serverName = gs.name().isBlank() ? beanName : environment.resolvePlaceholders(gs.name());
            ServerDefinition def = definition(beanName, serverName, type, gs, model, problems);
            if (def == null) {
                continue;
            }
            if (servers.stream().anyMatch(s -> s.serverName().equals(serverName))) {
                problems.add("two @GenServer beans are named " + serverName + "; give one a different @GenServer(name)");
                continue;
            }
            bd.setScope(BeanDefinition.SCOPE_PROTOTYPE);
            bd.setAutowireCandidate(false);
            if (bd instanceof AbstractBeanDefinition abd) {
                abd.setDefaultCandidate(false);
            }
            servers.add(def);
            serverByBean.put(beanName, serverName);
        }
        if (!problems.isEmpty()) {
            throw new GenServerDefinitionException(problems);
        }
        List<ServerDefinition> resolved = new ArrayList<>();
        for (ServerDefinition def : servers) {
            resolved.add(def.withDependsOn(dependencies(def, servers, registry.getBeanDefinition(def.beanName()),
                    serverByBean)));
        }
        ServerDefinitions definitions = new ServerDefinitions(resolved, supervisors);
        RootBeanDefinition defs = new RootBeanDefinition(ServerDefinitions.class, () -> definitions);
        defs.setRole(BeanDefinition.ROLE_INFRASTRUCTURE);
        registry.registerBeanDefinition(DEFINITIONS_BEAN, defs);
        for (ServerDefinition def : resolved) {
            for (Class<?> iface : ServerIntrospector.mostSpecific(def.model().clientInterfaces())) {
                registerClient(registry, def, iface);
            }
        }
    }

    private void registerClient(BeanDefinitionRegistry registry, ServerDefinition def, Class<?> iface) {
        String serverName = def.serverName();
        RootBeanDefinition pd;
        String name;
        if (def.isKeyed()) {
            pd = new RootBeanDefinition(KeyedServers.class,
                    () -> beanFactory.getBean(KeyedServerManager.class).servers(serverName, iface));
            pd.setTargetType(ResolvableType.forClassWithGenerics(KeyedServers.class, iface));
            name = serverName + ".keyed." + iface.getSimpleName();
        } else {
            pd = new RootBeanDefinition(iface);
            pd.setInstanceSupplier(() -> beanFactory.getBean(GenServerClients.class).proxy(serverName, iface));
            pd.setTargetType(iface);
            name = serverName + ".client." + iface.getSimpleName();
        }
        pd.addQualifier(new AutowireCandidateQualifier(Qualifier.class, serverName));
        pd.setDescription("typed client proxy of server " + serverName);
        pd.setDependsOn(DEFINITIONS_BEAN);
        int n = 1;
        String unique = name;
        while (registry.containsBeanDefinition(unique)) {
            unique = name + "#" + n++;
        }
        registry.registerBeanDefinition(unique, pd);
    }

    private ServerDefinition definition(String beanName, String serverName, Class<?> type, GenServer gs,
                                        ServerModel model, List<String> problems) {
        String where = type.getName() + " (server " + serverName + ")";
        Duration shutdown = null;
        String s = gs.shutdown().trim();
        if (s.equalsIgnoreCase("brutal_kill") || s.equalsIgnoreCase("brutal-kill")) {
            shutdown = Duration.ZERO;
        } else {
            shutdown = duration(where, "shutdown", s, problems);
        }
        Duration callTimeout = duration(where, "callTimeout", gs.callTimeout(), problems);
        Duration startTimeout = duration(where, "startTimeout", gs.startTimeout(), problems);
        if (gs.mailboxCapacity() < 0) {
            problems.add(where + ": @GenServer(mailboxCapacity = " + gs.mailboxCapacity()
                    + ") must be positive, or 0 for the default");
        }
        ServerDefinition.Keyed keyed = null;
        Keyed k = AnnotatedElementUtils.findMergedAnnotation(type, Keyed.class);
        if (k != null) {
            if (gs.restart() != RestartType.PERMANENT && gs.restart() != RestartType.TRANSIENT) {
                problems.add(where + ": a keyed server cannot be " + gs.restart()
                        + "; keyed servers are restarted only after a crash (transient)");
            }
            keyed = new ServerDefinition.Keyed(duration(where, "@Keyed(idleTimeout)", k.idleTimeout(), problems),
                    k.maxInstances());
        }
        if (model == null) {
            return null;
        }
        OverflowPolicy overflow = gs.overflow();
        return new ServerDefinition(beanName, serverName, model, keyed != null ? RestartType.TRANSIENT : gs.restart(),
                shutdown, gs.supervisor().isBlank() ? null : gs.supervisor(), Math.max(0, gs.mailboxCapacity()),
                overflow, callTimeout, startTimeout, keyed, List.of());
    }

    private Duration duration(String where, String attribute, String value, List<String> problems) {
        try {
            return Durations.parse(value, environment);
        } catch (RuntimeException e) {
            problems.add(where + ": " + attribute + " \"" + value + "\" is not a duration (" + e.getMessage()
                    + "); write for example \"500ms\", \"5s\", \"PT1M\" or \"infinity\"");
            return null;
        }
    }

    /** Servers whose proxies this server's constructor or fields take, and those named in @DependsOn. */
    private static List<String> dependencies(ServerDefinition def, List<ServerDefinition> servers, BeanDefinition bd,
                                             Map<String, String> serverByBean) {
        Set<String> names = new LinkedHashSet<>();
        List<ResolvableType> types = new ArrayList<>();
        Class<?> cls = def.serverClass();
        for (Constructor<?> c : cls.getDeclaredConstructors()) {
            for (int i = 0; i < c.getParameterCount(); i++) {
                types.add(ResolvableType.forMethodParameter(new MethodParameter(c, i)));
            }
        }
        ReflectionUtils.doWithFields(cls, (Field f) -> types.add(ResolvableType.forField(f)));
        for (ResolvableType t : types) {
            Class<?> raw = t.resolve(Object.class);
            if (raw == ObjectProvider.class || raw == Optional.class || raw == List.class || raw == Set.class) {
                raw = t.getGeneric(0).resolve(Object.class);
            }
            if (!raw.isInterface() || raw == Object.class) {
                continue;
            }
            for (ServerDefinition other : servers) {
                if (other == def || other.isKeyed()) {
                    continue;
                }
                for (Class<?> ci : other.model().clientInterfaces()) {
                    if (raw.isAssignableFrom(ci)) {
                        names.add(other.serverName());
                    }
                }
            }
        }
        String[] dependsOn = bd.getDependsOn();
        if (dependsOn != null) {
            for (String bean : dependsOn) {
                String server = serverByBean.get(bean);
                if (server != null && !server.equals(def.serverName())) {
                    names.add(server);
                }
            }
        }
        return new ArrayList<>(names);
    }

    private static Class<?> beanClass(BeanDefinition bd, ClassLoader classLoader) {
        String className = bd.getBeanClassName();
        if (bd instanceof AnnotatedBeanDefinition abd) {
            MethodMetadata factory = abd.getFactoryMethodMetadata();
            if (factory != null) {
                className = factory.getReturnTypeName();
            }
        } else if (bd.getFactoryMethodName() != null) {
            return null;
        }
        if (className == null) {
            return null;
        }
        try {
            return ClassUtils.forName(className, classLoader);
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) throws BeansException {
    }
}
