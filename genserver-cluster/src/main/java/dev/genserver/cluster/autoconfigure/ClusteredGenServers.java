package dev.genserver.cluster.autoconfigure;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.genserver.cluster.Clustered;
import dev.genserver.cluster.ClusteredServer;
import dev.genserver.cluster.MessageCodec;
import dev.genserver.cluster.Placement;
import dev.genserver.spring.annotation.HandleCall;
import dev.genserver.spring.support.Barrier;
import dev.genserver.spring.support.BeanGenServer;
import dev.genserver.spring.support.IncarnationTokens;
import dev.genserver.spring.support.MethodInvocation;
import dev.genserver.spring.support.ServerDefinition;
import dev.genserver.spring.support.ServerDefinitions;
import dev.genserver.spring.support.ServerSpecs;
import tools.jackson.databind.json.JsonMapper;

/**
 * The application's {@link Clustered @Clustered} {@code @GenServer}s, checked and declared to the
 * {@link dev.genserver.cluster.ClusterNode}: a singleton or sharded server whose instances are
 * the same beans the local tree would build (contract §17.9).
 */
final class ClusteredGenServers implements ClusterContribution {

    private final Map<String, Placement> placements;
    private final List<ClusteredServer> declarations = new ArrayList<>();
    private final Set<Method> methods = new LinkedHashSet<>();
    private final JsonMapper mapper;

    ClusteredGenServers(ServerDefinitions definitions, ServerSpecs specs, JsonMapper mapper) {
        this.mapper = mapper;
        this.placements = placements(definitions);
        List<String> problems = new ArrayList<>();
        for (ServerDefinition def : definitions.servers()) {
            Placement placement = placements.get(def.serverName());
            if (placement == null) {
                continue;
            }
            List<Method> remote = remoteMethods(def);
            for (Method m : remote) {
                Type[] params = m.getGenericParameterTypes();
                for (int i = 0; i < params.length; i++) {
                    for (String p : WireTypes.problems(params[i])) {
                        problems.add(MethodInvocation.describe(m) + " parameter " + (i + 1) + " ("
                                + WireTypes.describe(params[i]) + "): " + p);
                    }
                }
                for (Class<?> exception : m.getExceptionTypes()) {
                    String p = MethodCodec.rebuildProblem(exception);
                    if (p != null) {
                        problems.add(MethodInvocation.describe(m) + " throws " + exception.getSimpleName() + ": " + p);
                    }
                }
                Type reply = WireTypes.replyType(m);
                if (reply != null) {
                    for (String p : WireTypes.problems(reply)) {
                        problems.add(MethodInvocation.describe(m) + " return type (" + WireTypes.describe(reply)
                                + "): " + p);
                    }
                }
            }
            if (placement == Placement.SHARDED) {
                for (Field f : def.model().keyFields()) {
                    if (f.getType() != String.class && f.getType() != Object.class
                            && f.getType() != CharSequence.class) {
                        problems.add("@ServerKey field " + def.serverClass().getSimpleName() + "." + f.getName()
                                + " is a " + f.getType().getSimpleName() + ": a SHARDED server's key crosses the "
                                + "wire as its toString(), so declare the field as String");
                    }
                }
            }
            methods.addAll(remote);
            List<Class<?>> types = messageTypes(def);
            ClusteredServer declared = placement == Placement.SINGLETON
                    ? ClusteredServer.singleton(def.serverName(),
                            token -> IncarnationTokens.building(token, specs.factory(def, def.serverName(), null)))
                    : ClusteredServer.sharded(def.serverName(),
                            key -> specs.factory(def, def.serverName() + "[" + key + "]", key).get())
                            .passivatingWith(BeanGenServer.PASSIVATED);
            declarations.add(declared.accepting(types.toArray(Class<?>[]::new)));
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("@Clustered servers whose client methods cannot cross between members "
                    + "(their arguments and replies are JSON written and read against the declared types):\n  - "
                    + String.join("\n  - ", problems));
        }
    }

    /**
     * Reads the placements of the application's servers.
     *
     * @param definitions the servers
     * @return the non-{@code LOCAL} ones, by name
     * @throws IllegalStateException when a placement does not fit its server
     */
    static Map<String, Placement> placements(ServerDefinitions definitions) {
        Map<String, Placement> placed = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (ServerDefinition def : definitions.servers()) {
            Clustered c = def.serverClass().getAnnotation(Clustered.class);
            if (c == null || c.value() == Placement.LOCAL) {
                continue;
            }
            if (c.value() == Placement.SHARDED && !def.isKeyed()) {
                problems.add(def.serverName() + " (" + def.serverClass().getName() + ") is @Clustered(SHARDED) but "
                        + "not @Keyed: SHARDED places one instance per key; add @Keyed, or use SINGLETON");
            } else if (c.value() == Placement.SINGLETON && def.isKeyed()) {
                problems.add(def.serverName() + " (" + def.serverClass().getName() + ") is @Keyed and "
                        + "@Clustered(SINGLETON): a keyed server is placed per key; use SHARDED");
            } else {
                placed.put(def.serverName(), c.value());
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("@Clustered placements that do not fit their servers:\n  - "
                    + String.join("\n  - ", problems));
        }
        return placed;
    }

    /** The client methods that are sent as messages (all but default methods the server does not override). */
    private static List<Method> remoteMethods(ServerDefinition def) {
        List<Method> remote = new ArrayList<>();
        for (Class<?> iface : def.model().clientInterfaces()) {
            for (Method m : iface.getMethods()) {
                if (Modifier.isStatic(m.getModifiers()) || m.getDeclaringClass() == Object.class) {
                    continue;
                }
                if (m.isDefault() && !overridden(def.serverClass(), m)) {
                    continue;
                }
                remote.add(m);
            }
        }
        return remote;
    }

    private static boolean overridden(Class<?> server, Method m) {
        try {
            return !server.getMethod(m.getName(), m.getParameterTypes()).getDeclaringClass().isInterface();
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    /** The concrete message and reply classes of message-style handlers, for by-name calls. */
    private static List<Class<?>> messageTypes(ServerDefinition def) {
        Set<Class<?>> types = new LinkedHashSet<>();
        types.add(Barrier.class); // GenServers.sync(name)
        types.addAll(def.model().callTypes());
        types.addAll(def.model().castTypes());
        types.addAll(def.model().infoTypes());
        for (Class<?> k = def.serverClass(); k != null && k != Object.class; k = k.getSuperclass()) {
            for (Method m : k.getDeclaredMethods()) {
                if (m.isAnnotationPresent(HandleCall.class)) {
                    types.add(m.getReturnType());
                }
            }
        }
        return types.stream().filter(t -> !t.isPrimitive() && !t.isInterface() && t != Object.class
                && t != Void.class && !Modifier.isAbstract(t.getModifiers()) && !t.isAnonymousClass()
                && !t.isSynthetic() && !t.isHidden() && !MethodInvocation.class.isAssignableFrom(t)).toList();
    }

    Map<String, Placement> placements() {
        return placements;
    }

    @Override
    public List<ClusteredServer> servers() {
        return declarations;
    }

    @Override
    public MessageCodec codec(MessageCodec delegate) {
        return new MethodCodec(delegate, mapper, methods);
    }
}
