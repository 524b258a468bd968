package dev.genserver.spring.support;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.FactoryBean;

/**
 * The bean of one client interface of a plain server: the typed proxy callers inject. Its
 * constructor arguments are plain values (server name, interface), so ahead-of-time processing
 * can write its bean definition.
 *
 * @param <T> the client interface
 */
final class ClientProxyFactoryBean<T> implements FactoryBean<T>, BeanFactoryAware {

    private final String serverName;
    private final Class<T> clientInterface;
    private BeanFactory beanFactory;

    /**
     * Creates the factory.
     *
     * @param serverName the server's registered name
     * @param clientInterface one of its client interfaces
     */
    ClientProxyFactoryBean(String serverName, Class<T> clientInterface) {
        this.serverName = serverName;
        this.clientInterface = clientInterface;
    }

    @Override
    public void setBeanFactory(BeanFactory beanFactory) {
        this.beanFactory = beanFactory;
    }

    @Override
    public T getObject() {
        return beanFactory.getBean(GenServerClients.class).proxy(serverName, clientInterface);
    }

    @Override
    public Class<?> getObjectType() {
        return clientInterface;
    }
}
