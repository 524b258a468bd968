package dev.genserver.spring.support;

import dev.genserver.spring.InternalApi;
import dev.genserver.spring.KeyedServers;
import dev.genserver.spring.annotation.GenServer;
import dev.genserver.spring.annotation.Keyed;
import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
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
import org.springframework.core.Ordered;
import org.springframework.core.ResolvableType;
import org.springframework.core.env.Environment;
import org.springframework.core.type.MethodMetadata;
import org.springframework.util.ClassUtils;

/**
 * Turns {@link GenServer} beans into servers, before any bean is created:
 *
 * <ul>
 *   <li>reads and validates every {@code @GenServer} class (handlers, hooks, client interfaces,
 *       attributes) and fails the startup with all problems at once;</li>
 *   <li>makes each server bean a prototype that is not an injection candidate: the runtime gets
 *       a fresh instance for every start and restart, and nobody else gets one by injection, so
 *       a by-type lookup of a client interface (an injection point, or {@code @MockitoBean})
 *       finds the proxy only;</li>
 *   <li>registers, for each client interface, a proxy bean (qualified by the server name), or
 *       for a {@link Keyed} server a {@link KeyedServers} bean;</li>
 *   <li>registers the {@link ServerDefinitions} bean.</li>
 * </ul>
 *
 * Every definition it registers takes plain arguments (names and classes) and no instance
 * supplier, so ahead-of-time processing writes it as code: a {@code FactoryBean} class for the
 * proxies and the definitions, a factory method of {@link KeyedServerManager} for the
 * {@link KeyedServers}. In an application run from
 * AOT-generated code, those definitions are already registered and this registrar does nothing.
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

    /** The bean name of the {@link KeyedServerManager}, which creates the {@link KeyedServers} beans. */
    public static final String KEYED_MANAGER_BEAN = "genServerKeyedServerManager";

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
            // run before in this registry, or an application started from AOT-generated definitions
            return;
        }
        ClassLoader classLoader = beanFactory instanceof ConfigurableListableBeanFactory c
                ? c.getBeanClassLoader() : ClassUtils.getDefaultClassLoader();
        List<ServerDefinitionReader.Candidate> candidates = new ArrayList<>();
        List<Class<?>> supervisorSources = new ArrayList<>();
        for (String beanName : registry.getBeanDefinitionNames()) {
            BeanDefinition bd = registry.getBeanDefinition(beanName);
            Class<?> type = beanClass(bd, classLoader);
            if (type == null) {
                continue;
            }
            if (ServerDefinitionReader.declaresSupervisors(type)) {
                supervisorSources.add(type);
            }
            if (ServerDefinitionReader.isServer(type)) {
                candidates.add(new ServerDefinitionReader.Candidate(beanName, type, bd.getDependsOn()));
            }
        }
        ServerDefinitions definitions = ServerDefinitionReader.read(candidates, supervisorSources, environment);
        for (ServerDefinition def : definitions.servers()) {
            BeanDefinition bd = registry.getBeanDefinition(def.beanName());
            bd.setScope(BeanDefinition.SCOPE_PROTOTYPE);
            bd.setAutowireCandidate(false);
            if (bd instanceof AbstractBeanDefinition abd) {
                abd.setDefaultCandidate(false);
            }
        }
        RootBeanDefinition defs = new RootBeanDefinition(ServerDefinitionsFactoryBean.class);
        defs.getConstructorArgumentValues().addIndexedArgumentValue(0,
                candidates.stream().map(ServerDefinitionReader.Candidate::beanName).toArray(String[]::new));
        defs.getConstructorArgumentValues().addIndexedArgumentValue(1,
                candidates.stream().map(ServerDefinitionReader.Candidate::type).toArray(Class<?>[]::new));
        defs.getConstructorArgumentValues().addIndexedArgumentValue(2, supervisorSources.toArray(Class<?>[]::new));
        defs.setRole(BeanDefinition.ROLE_INFRASTRUCTURE);
        registry.registerBeanDefinition(DEFINITIONS_BEAN, defs);
        for (ServerDefinition def : definitions.servers()) {
            for (Class<?> iface : ServerIntrospector.mostSpecific(def.model().clientInterfaces())) {
                registerClient(registry, def, iface);
            }
        }
        if (registry instanceof ConfigurableListableBeanFactory factory) {
            // merged definitions read before this point still say "singleton, autowire candidate"
            factory.clearMetadataCache();
        }
    }

    private static void registerClient(BeanDefinitionRegistry registry, ServerDefinition def, Class<?> iface) {
        String serverName = def.serverName();
        RootBeanDefinition pd;
        String name;
        if (def.isKeyed()) {
            // KeyedServerManager.servers(serverName, iface): a factory method AOT calls as written
            pd = new RootBeanDefinition();
            pd.setFactoryBeanName(KEYED_MANAGER_BEAN);
            pd.setFactoryMethodName("servers");
            pd.setTargetType(ResolvableType.forClassWithGenerics(KeyedServers.class, iface));
            name = serverName + ".keyed." + iface.getSimpleName();
        } else {
            pd = new RootBeanDefinition(ClientProxyFactoryBean.class);
            pd.setTargetType(ResolvableType.forClassWithGenerics(ClientProxyFactoryBean.class, iface));
            name = serverName + ".client." + iface.getSimpleName();
        }
        pd.getConstructorArgumentValues().addIndexedArgumentValue(0, serverName);
        pd.getConstructorArgumentValues().addIndexedArgumentValue(1, iface);
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
