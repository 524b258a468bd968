/**
 * The machinery behind the annotations, not API: how a {@code @GenServer} class is read and
 * validated ({@code ServerIntrospector}), run as a core {@link dev.genserver.process.GenServer}
 * ({@code BeanGenServer}), reached through typed client proxies ({@code GenServerClients}),
 * registered as bean definitions ahead-of-time processing can write ({@code GenServerBeanRegistrar})
 * with runtime hints for native images ({@code GenServerAotProcessor}), turned into child and
 * supervisor specs ({@code ServerSpecs}) and run as the application's supervision tree
 * ({@code SupervisionTree}), plus keyed servers ({@code KeyedServerManager}). The public types
 * here are {@link dev.genserver.spring.InternalApi}: public only for the other packages of this
 * library; they may change in any release.
 */
package dev.genserver.spring.support;
