package dev.genserver.spring.support;

import dev.genserver.spring.GenServerDefinitionException;
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
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.MethodParameter;
import org.springframework.core.ResolvableType;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.core.env.PropertyResolver;
import org.springframework.util.ReflectionUtils;

/**
 * Reads and validates the {@code @GenServer} classes of an application into
 * {@link ServerDefinitions}. Runs twice with the same input: in the registrar, which fails the
 * startup with every problem at once, and in {@link ServerDefinitionsFactoryBean}, which rebuilds
 * the definitions from plain bean names and classes (what ahead-of-time processing can write).
 */
final class ServerDefinitionReader {

    /**
     * One {@code @GenServer} bean.
     *
     * @param beanName its bean name
     * @param type its class
     * @param dependsOn the bean names of its definition's {@code dependsOn}, or null
     */
    record Candidate(String beanName, Class<?> type, String[] dependsOn) {
    }

    private ServerDefinitionReader() {
    }

    /**
     * Tells whether a class is a {@code @GenServer}.
     *
     * @param type the class
     * @return true when annotated
     */
    static boolean isServer(Class<?> type) {
        return MergedAnnotations.from(type, MergedAnnotations.SearchStrategy.TYPE_HIERARCHY).isPresent(GenServer.class);
    }

    /**
     * Tells whether a class declares supervisors.
     *
     * @param type the class
     * @return true when it has a {@code @Supervisor}
     */
    static boolean declaresSupervisors(Class<?> type) {
        return MergedAnnotations.from(type, MergedAnnotations.SearchStrategy.TYPE_HIERARCHY).isPresent(Supervisor.class);
    }

    /**
     * Returns the registered name of a server bean.
     *
     * @param candidate the bean
     * @param resolver resolves placeholders in {@code @GenServer(name)}
     * @return the name
     */
    static String serverName(Candidate candidate, PropertyResolver resolver) {
        GenServer gs = AnnotatedElementUtils.findMergedAnnotation(candidate.type(), GenServer.class);
        return gs == null || gs.name().isBlank() ? candidate.beanName() : resolver.resolvePlaceholders(gs.name());
    }

    /**
     * Reads every server and supervisor declaration.
     *
     * @param candidates the {@code @GenServer} beans, in declaration order
     * @param supervisorSources the classes with {@code @Supervisor} annotations, in declaration order
     * @param resolver resolves placeholders
     * @return the definitions
     * @throws GenServerDefinitionException with every problem found
     */
    static ServerDefinitions read(List<Candidate> candidates, List<Class<?>> supervisorSources,
                                  PropertyResolver resolver) {
        List<String> problems = new ArrayList<>();
        List<ServerDefinition> servers = new ArrayList<>();
        Map<String, String> serverByBean = new HashMap<>();
        Map<String, String[]> dependsOnByServer = new HashMap<>();
        for (Candidate candidate : candidates) {
            Class<?> type = candidate.type();
            GenServer gs = AnnotatedElementUtils.findMergedAnnotation(type, GenServer.class);
            if (gs == null) {
                problems.add(type.getName() + " (bean " + candidate.beanName() + ") is not a @GenServer");
                continue;
            }
            ServerModel model = ServerIntrospector.introspect(type, gs.clients(), resolver, problems);
            String serverName = serverName(candidate, resolver);
            ServerDefinition def = definition(candidate.beanName(), serverName, type, gs, model, resolver, problems);
            if (def == null) {
                continue;
            }
            if (servers.stream().anyMatch(s -> s.serverName().equals(serverName))) {
                problems.add("two @GenServer beans are named " + serverName
                        + "; give one a different @GenServer(name)");
                continue;
            }
            servers.add(def);
            serverByBean.put(candidate.beanName(), serverName);
            dependsOnByServer.put(serverName, candidate.dependsOn());
        }
        if (!problems.isEmpty()) {
            throw new GenServerDefinitionException(problems);
        }
        List<ServerDefinition> resolved = new ArrayList<>();
        for (ServerDefinition def : servers) {
            resolved.add(def.withDependsOn(dependencies(def, servers, dependsOnByServer.get(def.serverName()),
                    serverByBean)));
        }
        List<Supervisor> supervisors = new ArrayList<>();
        for (Class<?> source : supervisorSources) {
            MergedAnnotations.from(source, MergedAnnotations.SearchStrategy.TYPE_HIERARCHY)
                    .stream(Supervisor.class).forEach(a -> supervisors.add(a.synthesize()));
        }
        return new ServerDefinitions(resolved, supervisors);
    }

    private static ServerDefinition definition(String beanName, String serverName, Class<?> type, GenServer gs,
                                               ServerModel model, PropertyResolver resolver, List<String> problems) {
        String where = type.getName() + " (server " + serverName + ")";
        Duration shutdown;
        String s = gs.shutdown().trim();
        if (s.equalsIgnoreCase("brutal_kill") || s.equalsIgnoreCase("brutal-kill")) {
            shutdown = Duration.ZERO;
        } else {
            shutdown = duration(where, "shutdown", s, resolver, problems);
        }
        Duration callTimeout = duration(where, "callTimeout", gs.callTimeout(), resolver, problems);
        Duration startTimeout = duration(where, "startTimeout", gs.startTimeout(), resolver, problems);
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
            keyed = new ServerDefinition.Keyed(
                    duration(where, "@Keyed(idleTimeout)", k.idleTimeout(), resolver, problems), k.maxInstances());
        }
        if (model == null) {
            return null;
        }
        return new ServerDefinition(beanName, serverName, model, keyed != null ? RestartType.TRANSIENT : gs.restart(),
                shutdown, gs.supervisor().isBlank() ? null : gs.supervisor(), Math.max(0, gs.mailboxCapacity()),
                gs.overflow(), callTimeout, startTimeout, keyed, List.of());
    }

    private static Duration duration(String where, String attribute, String value, PropertyResolver resolver,
                                     List<String> problems) {
        try {
            return Durations.parse(value, resolver);
        } catch (RuntimeException e) {
            problems.add(where + ": " + attribute + " \"" + value + "\" is not a duration (" + e.getMessage()
                    + "); write for example \"500ms\", \"5s\", \"PT1M\" or \"infinity\"");
            return null;
        }
    }

    /** Servers whose proxies this server's constructor or fields take, and those named in @DependsOn. */
    private static List<String> dependencies(ServerDefinition def, List<ServerDefinition> servers, String[] dependsOn,
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
}
