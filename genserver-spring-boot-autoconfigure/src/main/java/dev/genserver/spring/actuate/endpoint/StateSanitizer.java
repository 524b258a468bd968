package dev.genserver.spring.actuate.endpoint;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.Sanitizer;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;

/**
 * Passes a formatted state through the application's {@link SanitizingFunction}s: every map entry
 * and list element, keyed by its path in the state ({@code account.password},
 * {@code items[0].token}; the state itself has the empty key). An entry a function changes is
 * shown as the function returns it and not walked further.
 */
final class StateSanitizer {

    private final Sanitizer sanitizer;
    private final boolean none;

    StateSanitizer(Iterable<SanitizingFunction> functions) {
        List<SanitizingFunction> list = new ArrayList<>();
        functions.forEach(list::add);
        this.sanitizer = new Sanitizer(list);
        this.none = list.isEmpty();
    }

    Object sanitize(Object state) {
        return none ? state : sanitize("", state);
    }

    private Object sanitize(String key, Object value) {
        if (value == null) {
            return null;
        }
        Object sanitized = sanitizer.sanitize(new SanitizableData(null, key, value), true);
        if (!Objects.equals(sanitized, value)) {
            return sanitized;
        }
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(k, sanitize(key.isEmpty() ? String.valueOf(k) : key + "." + k, v)));
            return out;
        }
        if (value instanceof Collection<?> collection) {
            List<Object> out = new ArrayList<>(collection.size());
            int i = 0;
            for (Object element : collection) {
                out.add(sanitize(key + "[" + i++ + "]", element));
            }
            return out;
        }
        return value;
    }
}
