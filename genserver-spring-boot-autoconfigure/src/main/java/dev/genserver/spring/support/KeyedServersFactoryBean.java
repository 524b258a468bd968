package dev.genserver.spring.support;

import dev.genserver.spring.KeyedServers;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.FactoryBean;

/**
 * The {@link KeyedServers} bean of one client interface of a keyed server. Its constructor
 * arguments are plain values (server name, interface), so ahead-of-time processing can write its
 * bean definition.
 *
 * @param <T> the client interface
 */
final class KeyedServersFactoryBean<T> implements FactoryBean<KeyedServers<T>>, BeanFactoryAware {

    private final String serverName;
    private final Class<T> clientInterface;
    private BeanFactory beanFactory;

    /**
     * Creates the factory.
     *
     * @param serverName the keyed server's registered name
     * @param clientInterface one of its client interfaces
     */
    KeyedServersFactoryBean(String serverName, Class<T> clientInterface) {
        this.serverName = serverName;
        this.clientInterface = clientInterface;
    }

    @Override
    public void setBeanFactory(BeanFactory beanFactory) {
        this.beanFactory = beanFactory;
    }

    @Override
    public KeyedServers<T> getObject() {
        return beanFactory.getBean(KeyedServerManager.class).servers(serverName, clientInterface);
    }

    @Override
    public Class<?> getObjectType() {
        return KeyedServers.class;
    }
}
