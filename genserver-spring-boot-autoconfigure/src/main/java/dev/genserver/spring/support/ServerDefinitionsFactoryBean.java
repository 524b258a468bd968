package dev.genserver.spring.support;

import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.FactoryBean;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;

/**
 * The {@link ServerDefinitions} bean, rebuilt from the bean names and classes the registrar
 * found: plain constructor arguments, so that ahead-of-time processing can write the bean
 * definition, and the generated application reads the same classes again at startup.
 */
final class ServerDefinitionsFactoryBean implements FactoryBean<ServerDefinitions>, BeanFactoryAware,
        EnvironmentAware {

    private final String[] serverBeans;
    private final Class<?>[] serverClasses;
    private final Class<?>[] supervisorSources;
    private ConfigurableListableBeanFactory beanFactory;
    private Environment environment;
    private ServerDefinitions definitions;

    /**
     * Creates the factory.
     *
     * @param serverBeans the bean names of the {@code @GenServer} beans, in declaration order
     * @param serverClasses their classes, in the same order
     * @param supervisorSources the classes with {@code @Supervisor} annotations
     */
    ServerDefinitionsFactoryBean(String[] serverBeans, Class<?>[] serverClasses, Class<?>[] supervisorSources) {
        if (serverBeans.length != serverClasses.length) {
            throw new IllegalArgumentException(serverBeans.length + " server beans but " + serverClasses.length
                    + " classes");
        }
        this.serverBeans = serverBeans.clone();
        this.serverClasses = serverClasses.clone();
        this.supervisorSources = supervisorSources.clone();
    }

    @Override
    public void setBeanFactory(BeanFactory beanFactory) {
        this.beanFactory = (ConfigurableListableBeanFactory) beanFactory;
    }

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    @Override
    public synchronized ServerDefinitions getObject() {
        if (definitions == null) {
            List<ServerDefinitionReader.Candidate> candidates = new ArrayList<>();
            for (int i = 0; i < serverBeans.length; i++) {
                String[] dependsOn = null;
                if (beanFactory.containsBeanDefinition(serverBeans[i])) {
                    BeanDefinition bd = beanFactory.getBeanDefinition(serverBeans[i]);
                    dependsOn = bd.getDependsOn();
                }
                candidates.add(new ServerDefinitionReader.Candidate(serverBeans[i], serverClasses[i], dependsOn));
            }
            definitions = ServerDefinitionReader.read(candidates, List.of(supervisorSources), environment);
        }
        return definitions;
    }

    @Override
    public Class<?> getObjectType() {
        return ServerDefinitions.class;
    }

    /**
     * Returns the classes of the servers.
     *
     * @return a copy
     */
    Class<?>[] serverClasses() {
        return serverClasses.clone();
    }
}
