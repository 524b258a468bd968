package dev.genserver.spring.support;

import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The handlers of one kind (calls, casts, infos or continues) of a server class, and how a
 * message's class selects one: among the handlers whose type the message is an instance of, the
 * one whose type is a subtype of all the others wins. Resolutions are cached per message class.
 */
final class Dispatch {

    /** A handled type and its handler. */
    record Entry(Class<?> type, HandlerMethod handler) {
    }

    private static final Object NONE = new Object();

    private final String kind;
    private final List<Entry> entries;
    private final Map<Class<?>, Object> cache = new ConcurrentHashMap<>();

    Dispatch(String kind, List<Entry> entries) {
        this.kind = kind;
        this.entries = List.copyOf(entries);
    }

    boolean isEmpty() {
        return entries.isEmpty();
    }

    List<Entry> entries() {
        return entries;
    }

    /**
     * Finds the handler for a message class.
     *
     * @return the handler, or null when none matches
     * @throws IllegalStateException when several match and none is the most specific
     */
    HandlerMethod resolve(Class<?> messageClass) {
        Object found = cache.computeIfAbsent(messageClass, this::compute);
        if (found instanceof HandlerMethod h) {
            return h;
        }
        if (found instanceof String ambiguity) {
            throw new IllegalStateException(ambiguity);
        }
        return null;
    }

    private Object compute(Class<?> messageClass) {
        List<Entry> best = mostSpecific(messageClass);
        if (best.isEmpty()) {
            return NONE;
        }
        if (best.size() == 1) {
            return best.getFirst().handler();
        }
        return ambiguity(messageClass, best);
    }

    private List<Entry> mostSpecific(Class<?> messageClass) {
        List<Entry> candidates = new ArrayList<>();
        for (Entry e : entries) {
            if (e.type().isAssignableFrom(messageClass)) {
                candidates.add(e);
            }
        }
        List<Entry> best = new ArrayList<>();
        for (Entry c : candidates) {
            boolean dominated = false;
            for (Entry other : candidates) {
                if (other != c && other.type() != c.type() && c.type().isAssignableFrom(other.type())) {
                    dominated = true;
                    break;
                }
            }
            if (!dominated) {
                best.add(c);
            }
        }
        return best;
    }

    private String ambiguity(Class<?> messageClass, List<Entry> best) {
        StringBuilder sb = new StringBuilder("ambiguous " + kind + " handlers for " + messageClass.getName() + ": ");
        for (int i = 0; i < best.size(); i++) {
            sb.append(i == 0 ? "" : " and ").append(best.get(i).handler().describe())
                    .append(" (").append(best.get(i).type().getSimpleName()).append(')');
        }
        sb.append(" all match and none is more specific; add a handler for ").append(messageClass.getSimpleName())
                .append(" or narrow one of the parameter types");
        return sb.toString();
    }

    /**
     * Checks at startup every message type that can be known in advance: the handled types
     * themselves and the permitted subclasses of sealed ones.
     *
     * @return one description per ambiguity
     */
    List<String> ambiguities() {
        Set<Class<?>> known = new LinkedHashSet<>();
        for (Entry e : entries) {
            collect(e.type(), known);
        }
        List<String> problems = new ArrayList<>();
        for (Class<?> type : known) {
            if (type.isInterface() || Modifier.isAbstract(type.getModifiers())) {
                continue;
            }
            List<Entry> best = mostSpecific(type);
            if (best.size() > 1) {
                problems.add(ambiguity(type, best));
            }
        }
        return problems;
    }

    private static void collect(Class<?> type, Set<Class<?>> into) {
        if (!into.add(type)) {
            return;
        }
        if (type.isSealed()) {
            for (Class<?> sub : type.getPermittedSubclasses()) {
                collect(sub, into);
            }
        }
    }
}
