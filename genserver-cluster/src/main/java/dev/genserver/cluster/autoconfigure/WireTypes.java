package dev.genserver.cluster.autoconfigure;

import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.time.temporal.Temporal;
import java.time.temporal.TemporalAmount;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import org.jspecify.annotations.Nullable;

/**
 * Decides, at startup, whether a declared (generic) type can cross between members as JSON
 * against that very type: no open {@code Object}, raw collection, unbound type variable, lambda,
 * or interface/abstract class without a closed, name-based list of subtypes (contract §17.9).
 */
final class WireTypes {

    private WireTypes() {
    }

    /**
     * Returns the type a client method's reply is encoded against: its return type, the
     * {@code T} of a {@code CompletableFuture<T>}/{@code CompletionStage<T>}, or null for none.
     *
     * @param method the client interface method
     * @return the reply type, or null for {@code void}
     */
    static @Nullable Type replyType(Method method) {
        Type t = method.getGenericReturnType();
        if (method.getReturnType() == void.class || method.getReturnType() == Void.class) {
            return null;
        }
        if (CompletionStage.class.isAssignableFrom(method.getReturnType())) {
            return t instanceof ParameterizedType p ? p.getActualTypeArguments()[0] : Object.class;
        }
        return t;
    }

    /**
     * Checks one type.
     *
     * @param type the declared type
     * @return the problems found (empty when it can be encoded), each saying why and what to do
     */
    static List<String> problems(Type type) {
        List<String> problems = new ArrayList<>();
        check(type, Map.of(), new HashSet<>(), problems, "");
        return problems;
    }

    private static void check(Type type, Map<TypeVariable<?>, Type> bindings, Set<Type> seen, List<String> problems,
                              String path) {
        switch (type) {
            case Class<?> c -> checkClass(c, Map.of(), seen, problems, path);
            case ParameterizedType p -> {
                Class<?> raw = (Class<?>) p.getRawType();
                Type[] args = p.getActualTypeArguments();
                Map<TypeVariable<?>, Type> inner = new HashMap<>();
                TypeVariable<?>[] vars = raw.getTypeParameters();
                for (int i = 0; i < vars.length && i < args.length; i++) {
                    inner.put(vars[i], resolve(args[i], bindings));
                }
                if (isContainer(raw)) {
                    for (Type arg : args) {
                        Type r = resolve(arg, bindings);
                        check(r, bindings, seen, problems, nest(path, p) + " element");
                    }
                } else {
                    checkClass(raw, inner, seen, problems, path);
                }
            }
            case GenericArrayType g -> check(resolve(g.getGenericComponentType(), bindings), bindings, seen, problems,
                    nest(path, g) + " element");
            case TypeVariable<?> v -> {
                Type bound = bindings.get(v);
                if (bound == null || bound instanceof TypeVariable<?>) {
                    problems.add(at(path) + "type variable " + v.getName() + " has no concrete type, so the receiver "
                            + "cannot know what to build; declare the concrete type (for example List<Item>)");
                } else {
                    check(bound, bindings, seen, problems, path);
                }
            }
            case WildcardType w -> {
                Type[] upper = w.getUpperBounds();
                if (w.getLowerBounds().length > 0 || upper.length == 0 || upper[0] == Object.class) {
                    problems.add(at(path) + "a wildcard has no concrete type; declare the element type "
                            + "(for example List<Item>)");
                } else {
                    check(resolve(upper[0], bindings), bindings, seen, problems, path);
                }
            }
            default -> problems.add(at(path) + "unsupported type " + type);
        }
    }

    private static String at(String path) {
        return path.isEmpty() ? "" : "in " + path + ": ";
    }

    private static String nest(String path, Type type) {
        return path.isEmpty() ? describe(type) : path;
    }

    private static Type resolve(Type t, Map<TypeVariable<?>, Type> bindings) {
        return t instanceof TypeVariable<?> v && bindings.containsKey(v) ? bindings.get(v) : t;
    }

    private static void checkClass(Class<?> c, Map<TypeVariable<?>, Type> bindings, Set<Type> seen,
                                   List<String> problems, String path) {
        if (c.isPrimitive() || c.isEnum() || isValue(c)) {
            return;
        }
        if (c == Object.class) {
            problems.add(at(path) + "an open Object could be any class, and the cluster never decodes a class "
                    + "named by the sender (no open deserialization); declare a concrete type (a record, an enum, "
                    + "a class with Jackson-readable properties)");
            return;
        }
        if (c.isArray()) {
            check(c.getComponentType(), bindings, seen, problems, nest(path, c) + " element");
            return;
        }
        if (isContainer(c)) {
            if (c.getTypeParameters().length > 0 && bindings.isEmpty()) {
                problems.add(at(path) + "raw " + c.getSimpleName() + " has no element type; declare it (for example "
                        + c.getSimpleName() + "<Item>)");
            }
            return;
        }
        if (c.isSynthetic() || c.isAnonymousClass() || c.isHidden()) {
            problems.add(at(path) + c.getName() + " is a lambda or anonymous class; declare a data type");
            return;
        }
        if (!seen.add(c)) {
            return; // recursive structure: checked once
        }
        if (c.isInterface() || Modifier.isAbstract(c.getModifiers())) {
            checkPolymorphic(c, seen, problems, path);
            return;
        }
        if (c.getName().startsWith("java.") || c.getName().startsWith("javax.")) {
            return; // concrete JDK classes Jackson knows (Date, BigDecimal, ...)
        }
        if (!c.isRecord() && !hasCreator(c)) {
            problems.add(at(path) + c.getName() + " has no constructor Jackson can use; make it a record, or "
                    + "add a no-argument constructor or a @JsonCreator");
        }
        if (c.isRecord()) {
            for (RecordComponent rc : c.getRecordComponents()) {
                check(resolve(rc.getGenericType(), bindings), bindings, seen, problems,
                        nest(path, c) + "." + rc.getName());
            }
            return;
        }
        for (Class<?> k = c; k != null && k != Object.class; k = k.getSuperclass()) {
            for (Field f : k.getDeclaredFields()) {
                int m = f.getModifiers();
                if (Modifier.isStatic(m) || Modifier.isTransient(m) || f.isSynthetic()
                        || f.isAnnotationPresent(JsonIgnore.class)) {
                    continue;
                }
                check(resolve(f.getGenericType(), bindings), bindings, seen, problems, nest(path, c) + "." + f.getName());
            }
        }
    }

    private static void checkPolymorphic(Class<?> c, Set<Type> seen, List<String> problems, String path) {
        JsonTypeInfo info = c.getAnnotation(JsonTypeInfo.class);
        List<Class<?>> subtypes = new ArrayList<>();
        JsonSubTypes declared = c.getAnnotation(JsonSubTypes.class);
        if (declared != null) {
            for (JsonSubTypes.Type t : declared.value()) {
                subtypes.add(t.value());
            }
        }
        if (subtypes.isEmpty() && c.isSealed()) {
            subtypes.addAll(List.of(c.getPermittedSubclasses()));
        }
        String fix = "annotate it with @JsonTypeInfo(use = JsonTypeInfo.Id.NAME) and list its subtypes "
                + "(@JsonSubTypes, or make it sealed), or declare a concrete type";
        if (info == null) {
            problems.add(at(path) + c.getName() + " is an " + (c.isInterface() ? "interface" : "abstract class")
                    + " with no known subtype, so the receiver cannot know what to build; " + fix);
            return;
        }
        if (info.use() == JsonTypeInfo.Id.CLASS || info.use() == JsonTypeInfo.Id.MINIMAL_CLASS
                || info.use() == JsonTypeInfo.Id.CUSTOM) {
            problems.add(at(path) + c.getName() + " names its subtypes by class (@JsonTypeInfo(use = "
                    + info.use() + ")), which lets a sender pick any class: the cluster refuses open "
                    + "deserialization; " + fix);
            return;
        }
        if (subtypes.isEmpty()) {
            problems.add(at(path) + c.getName() + " has @JsonTypeInfo but no known subtype; " + fix);
            return;
        }
        for (Class<?> sub : subtypes) {
            check(sub, Map.of(), seen, problems, nest(path, c) + " subtype " + sub.getSimpleName());
        }
    }

    private static boolean hasCreator(Class<?> c) {
        if (c.getEnclosingClass() != null && !Modifier.isStatic(c.getModifiers())) {
            return false; // an inner class needs its outer instance
        }
        Constructor<?>[] constructors = c.getDeclaredConstructors();
        for (Constructor<?> k : constructors) {
            if (k.getParameterCount() == 0 || k.isAnnotationPresent(JsonCreator.class)) {
                return true;
            }
        }
        for (Method m : c.getDeclaredMethods()) {
            if (Modifier.isStatic(m.getModifiers()) && m.isAnnotationPresent(JsonCreator.class)) {
                return true;
            }
        }
        return constructors.length == 1; // Jackson 3 uses a class's only constructor by its parameter names
    }

    private static boolean isContainer(Class<?> c) {
        return Collection.class.isAssignableFrom(c) || Map.class.isAssignableFrom(c) || c == Optional.class;
    }

    private static boolean isValue(Class<?> c) {
        return c == String.class || c == Boolean.class || c == Character.class || c == Void.class
                || (Number.class.isAssignableFrom(c) && c.getName().startsWith("java."))
                || (CharSequence.class.isAssignableFrom(c) && c.getName().startsWith("java."))
                || ((Temporal.class.isAssignableFrom(c) || TemporalAmount.class.isAssignableFrom(c))
                && c.getName().startsWith("java.time"))
                || c == java.util.UUID.class || c == java.net.URI.class || c == java.util.Locale.class
                || c == java.util.Currency.class || c == java.time.ZoneId.class || c == java.util.Date.class;
    }

    /**
     * Describes a type as a declaration shows it: {@code List<CartItem>}.
     *
     * @param type the type
     * @return its short form
     */
    static String describe(Type type) {
        return switch (type) {
            case Class<?> c -> c.isArray() ? describe(c.getComponentType()) + "[]" : c.getSimpleName();
            case ParameterizedType p -> describe(p.getRawType()) + "<" + String.join(", ",
                    java.util.Arrays.stream(p.getActualTypeArguments()).map(WireTypes::describe).toList()) + ">";
            default -> type.getTypeName();
        };
    }
}
