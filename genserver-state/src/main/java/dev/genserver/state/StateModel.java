package dev.genserver.state;

import dev.genserver.spring.annotation.ServerKey;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.springframework.aop.framework.AopProxyUtils;
import org.springframework.util.ReflectionUtils;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * What {@link Durable} means for one server class, read and checked once: its state fields, its
 * version and its migrations; and how an instance's state becomes JSON and back.
 */
final class StateModel {

    final Class<?> serverClass;
    final int version;
    private final List<Field> fields;
    private final Map<Integer, Method> migrations;
    private final ObjectMapper mapper;
    private final Map<Field, JavaType> types = new LinkedHashMap<>();

    private StateModel(Class<?> serverClass, int version, List<Field> fields, Map<Integer, Method> migrations,
                       ObjectMapper mapper) {
        this.serverClass = serverClass;
        this.version = version;
        this.fields = fields;
        this.migrations = migrations;
        this.mapper = mapper;
        for (Field f : fields) {
            types.put(f, mapper.getTypeFactory().constructType(f.getGenericType()));
        }
    }

    /**
     * Reads a class, adding every problem found to {@code problems}.
     *
     * @param candidates the fields the Spring layer counts as state ({@code ServerModel.stateFields()}:
     *        the one rule for what is state and what an injected dependency); the transient and
     *        {@code @ServerKey} ones are left out here
     * @return the model, or null when there were problems
     */
    static StateModel of(Class<?> serverClass, List<Field> candidates, ObjectMapper mapper, List<String> problems) {
        int before = problems.size();
        StateVersion sv = serverClass.getAnnotation(StateVersion.class);
        int version = sv == null ? 1 : sv.value();
        if (version < 1) {
            problems.add("@StateVersion(" + version + ") on " + serverClass.getName() + ": a version is 1 or more");
        }
        Map<Integer, Method> migrations = new TreeMap<>();
        ReflectionUtils.doWithMethods(serverClass, m -> {
            MigrateState ms = m.getAnnotation(MigrateState.class);
            if (ms == null) {
                return;
            }
            String where = "@MigrateState(from = " + ms.from() + ") " + serverClass.getName() + "." + m.getName();
            if (ms.from() < 1 || ms.from() >= version) {
                problems.add(where + ": from must be between 1 and " + (version - 1) + " (the class is @StateVersion("
                        + version + ")); raise @StateVersion or fix from");
            } else if (migrations.containsKey(ms.from())) {
                problems.add(where + ": " + migrations.get(ms.from()).getName() + " migrates from " + ms.from()
                        + " too; keep one");
            }
            if (m.getParameterCount() != 1 || !m.getParameterTypes()[0].isAssignableFrom(ObjectNode.class)
                    || !ObjectNode.class.isAssignableFrom(m.getReturnType())) {
                problems.add(where + ": must take one ObjectNode (tools.jackson.databind.node) and return an ObjectNode");
            }
            ReflectionUtils.makeAccessible(m);
            migrations.putIfAbsent(ms.from(), m);
        });
        List<Field> fields = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (Field f : stored(candidates)) {
            if (!names.add(f.getName())) {
                problems.add(serverClass.getName() + " has two state fields named " + f.getName()
                        + " (one in a superclass); rename one or make one transient");
                continue;
            }
            ReflectionUtils.makeAccessible(f);
            fields.add(f);
        }
        if (problems.size() > before) {
            return null;
        }
        return new StateModel(serverClass, version, List.copyOf(fields), migrations, mapper);
    }

    /**
     * The fields that are stored, among those the Spring layer counts as state: all but the
     * transient and {@code @ServerKey} ones.
     */
    static List<Field> stored(List<Field> stateFields) {
        return stateFields.stream().filter(f -> !Modifier.isTransient(f.getModifiers())
                && !f.isAnnotationPresent(ServerKey.class)).toList();
    }

    /** The names of the state fields, in declaration order. */
    List<String> fieldNames() {
        return fields.stream().map(Field::getName).toList();
    }

    static Object target(Object bean) {
        Object t = AopProxyUtils.getSingletonTarget(bean);
        return t != null ? t : bean;
    }

    /** The state of an instance as JSON text. */
    String write(Object bean, StateKey key) {
        Object target = target(bean);
        Map<String, Object> doc = new LinkedHashMap<>();
        for (Field f : fields) {
            Object v = ReflectionUtils.getField(f, target);
            if (v != null && Proxy.isProxyClass(v.getClass())) {
                continue; // a client proxy of another server: a dependency, not state
            }
            doc.put(f.getName(), v);
        }
        try {
            return mapper.writeValueAsString(doc);
        } catch (JacksonException e) {
            throw new StateFormatException(key, "the state of " + key + " (" + serverClass.getName()
                    + ") cannot be written as JSON: " + e.getOriginalMessage() + "; make every state field "
                    + "serializable by Jackson, or transient", e);
        }
    }

    /**
     * Reads a stored state into a fresh instance, migrating it first.
     *
     * @return how many migration steps ran
     */
    int restore(Object bean, StateKey key, StoredState stored) {
        if (stored.version() > version) {
            throw new StateMigrationException(key, "the stored state of " + key + " is version " + stored.version()
                    + " but " + serverClass.getName() + " is @StateVersion(" + version + "): it was written by a "
                    + "newer release of the application; run that release, or add the newer class; the stored "
                    + "state was left untouched", null);
        }
        JsonNode tree;
        try {
            tree = mapper.readTree(stored.json());
        } catch (JacksonException e) {
            throw corrupt(key, stored, "it is not valid JSON (" + e.getOriginalMessage() + ")", e);
        }
        if (!(tree instanceof ObjectNode doc)) {
            throw corrupt(key, stored, "it is not a JSON object", null);
        }
        Object target = target(bean);
        int steps = 0;
        for (int v = stored.version(); v < version; v++) {
            Method m = migrations.get(v);
            if (m == null) {
                throw new StateMigrationException(key, "the stored state of " + key + " is version "
                        + stored.version() + " and " + serverClass.getName() + " is @StateVersion(" + version
                        + "), but no @MigrateState(from = " + v + ") method migrates version " + v + " to " + (v + 1)
                        + "; add one; the stored state was left untouched", null);
            }
            try {
                Object out = m.invoke(Modifier.isStatic(m.getModifiers()) ? null : target, doc);
                if (!(out instanceof ObjectNode next)) {
                    throw new StateMigrationException(key, "@MigrateState(from = " + v + ") "
                            + serverClass.getName() + "." + m.getName() + " returned " + out
                            + " for " + key + "; return the migrated ObjectNode", null);
                }
                doc = next;
            } catch (InvocationTargetException e) {
                throw new StateMigrationException(key, "@MigrateState(from = " + v + ") " + serverClass.getName()
                        + "." + m.getName() + " failed on the stored state of " + key + ": " + e.getCause()
                        + "; the stored state was left untouched", e.getCause());
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
            steps++;
        }
        for (Field f : fields) {
            JsonNode value = doc.get(f.getName());
            if (value == null) {
                continue; // not stored: the field keeps its initial value
            }
            Object v;
            try {
                v = mapper.treeToValue(value, types.get(f));
            } catch (JacksonException e) {
                throw corrupt(key, stored, "field " + f.getName() + " (" + f.getGenericType().getTypeName()
                        + ") cannot be read from " + abbreviate(value.toString()) + ": " + e.getOriginalMessage(), e);
            }
            if (v == null && f.getType().isPrimitive()) {
                continue;
            }
            ReflectionUtils.setField(f, target, v);
        }
        return steps;
    }

    private StateFormatException corrupt(StateKey key, StoredState stored, String why, Throwable cause) {
        return new StateFormatException(key, "the stored state of " + key + " (version " + stored.version()
                + ", revision " + stored.revision() + ") cannot be read into " + serverClass.getName() + ": " + why
                + "; repair or delete it in the store; it was left untouched", cause);
    }

    private static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }
}
