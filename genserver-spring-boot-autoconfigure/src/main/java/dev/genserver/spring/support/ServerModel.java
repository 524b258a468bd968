package dev.genserver.spring.support;

import dev.genserver.spring.InternalApi;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything the runtime needs to know about a server class, read and validated once at startup
 * by {@link ServerIntrospector}: its handlers by kind, its hooks, and its client interfaces.
 */
@InternalApi
public final class ServerModel {

    /**
     * A field shown in the default view of the state.
     *
     * @param field the field
     * @param redacted whether it is masked
     */
    record StateField(Field field, boolean redacted) {
    }

    final Class<?> serverClass;
    final Dispatch calls;
    final Dispatch casts;
    final Dispatch infos;
    final Dispatch continues;
    final HandlerMethod init;
    final HandlerMethod terminate;
    final HandlerMethod formatStatus;
    final List<Class<?>> clientInterfaces;
    final Map<Method, ClientMethod> clientMethods;
    final List<Field> keyFields;
    final List<StateField> stateFields;

    ServerModel(Class<?> serverClass, Dispatch calls, Dispatch casts, Dispatch infos, Dispatch continues,
                HandlerMethod init, HandlerMethod terminate, HandlerMethod formatStatus,
                List<Class<?>> clientInterfaces, Map<Method, ClientMethod> clientMethods, List<Field> keyFields,
                List<StateField> stateFields) {
        this.serverClass = serverClass;
        this.calls = calls;
        this.casts = casts;
        this.infos = infos;
        this.continues = continues;
        this.init = init;
        this.terminate = terminate;
        this.formatStatus = formatStatus;
        this.clientInterfaces = List.copyOf(clientInterfaces);
        this.clientMethods = Map.copyOf(clientMethods);
        this.keyFields = List.copyOf(keyFields);
        this.stateFields = List.copyOf(stateFields);
    }

    /** What a redacted field shows instead of its value. */
    static final String MASK = "******";

    /**
     * The default formatted status of an instance: its state fields by name, redacted ones masked,
     * client proxies of other servers (dependencies, not state) left out.
     */
    Map<String, Object> stateView(Object rawTarget) {
        Map<String, Object> view = new LinkedHashMap<>();
        for (StateField f : stateFields) {
            Object v;
            try {
                v = f.field().get(rawTarget);
            } catch (IllegalAccessException e) {
                continue;
            }
            if (v != null && Proxy.isProxyClass(v.getClass())) {
                continue;
            }
            view.put(f.field().getName(), f.redacted() ? MASK : v);
        }
        return view;
    }

    /**
     * Returns the server class.
     *
     * @return the class annotated with {@code @GenServer}
     */
    public Class<?> serverClass() {
        return serverClass;
    }

    /**
     * Returns the client interfaces: those the class implements (except JDK and framework ones)
     * and those it names in {@code @GenServer(clients = ...)}.
     *
     * @return the interfaces
     */
    public List<Class<?>> clientInterfaces() {
        return clientInterfaces;
    }

    /**
     * Returns how a client interface method reaches this server.
     *
     * @param method a method of one of the {@link #clientInterfaces()}
     * @return the mapping, or null when the method belongs to none of them
     */
    public ClientMethod clientMethod(Method method) {
        return clientMethods.get(method);
    }

    /**
     * Returns every client interface method.
     *
     * @return the mappings
     */
    public Collection<ClientMethod> clientMethods() {
        return clientMethods.values();
    }

    /**
     * Returns the fields that hold an instance's state: every instance field of the class and its
     * superclasses except injected dependencies (a field annotated {@code @Autowired},
     * {@code @Inject}, {@code @Resource} or {@code @Value}, or a final field whose type a
     * constructor parameter has, unless it is a simple value, a collection, a map or an array).
     * {@code @ServerKey} and {@code transient} fields are included; the status view shows them.
     * The one rule for which fields are state, shared by the status view and durable state.
     *
     * @return the fields, made accessible, in declaration order (subclass first)
     */
    public List<Field> stateFields() {
        return stateFields.stream().map(StateField::field).toList();
    }

    /**
     * Returns the fields annotated {@link dev.genserver.spring.annotation.ServerKey}.
     *
     * @return the fields, made accessible
     */
    public List<Field> keyFields() {
        return keyFields;
    }

    /**
     * Returns the message types with a call handler ({@link dev.genserver.spring.annotation.HandleCall}).
     *
     * @return the types
     */
    public List<Class<?>> callTypes() {
        return types(calls);
    }

    /**
     * Returns the message types with a cast handler.
     *
     * @return the types
     */
    public List<Class<?>> castTypes() {
        return types(casts);
    }

    /**
     * Returns the message types with an info handler.
     *
     * @return the types
     */
    public List<Class<?>> infoTypes() {
        return types(infos);
    }

    private static List<Class<?>> types(Dispatch d) {
        List<Class<?>> types = new ArrayList<>();
        d.entries().forEach(e -> types.add(e.type()));
        return types;
    }

    @Override
    public String toString() {
        return "ServerModel[" + serverClass.getName() + "]";
    }
}
