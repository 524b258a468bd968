package dev.genserver.spring.actuate;

import dev.genserver.process.HandlerInterceptor;
import dev.genserver.process.ProcessRuntime;
import dev.genserver.spring.InternalApi;
import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;

/**
 * Registers every {@link HandlerInterceptor} bean (meters, observations, logging context, and
 * any of the application's own) with the {@link ProcessRuntime}, in their {@code @Order}, once
 * all singletons exist and before the supervision tree starts its servers; removes them when the
 * context closes.
 */
@InternalApi
public class HandlerInterceptorRegistrar implements SmartInitializingSingleton, DisposableBean {

    private final ProcessRuntime runtime;
    private final ObjectProvider<HandlerInterceptor> interceptors;
    private final List<HandlerInterceptor> registered = new ArrayList<>();

    /**
     * Creates the registrar.
     *
     * @param runtime the runtime
     * @param interceptors the interceptor beans
     */
    public HandlerInterceptorRegistrar(ProcessRuntime runtime, ObjectProvider<HandlerInterceptor> interceptors) {
        this.runtime = runtime;
        this.interceptors = interceptors;
    }

    @Override
    public void afterSingletonsInstantiated() {
        interceptors.orderedStream().forEach(interceptor -> {
            runtime.addInterceptor(interceptor);
            registered.add(interceptor);
        });
    }

    @Override
    public void destroy() {
        for (HandlerInterceptor interceptor : registered.reversed()) {
            runtime.removeInterceptor(interceptor);
        }
        registered.clear();
    }
}
