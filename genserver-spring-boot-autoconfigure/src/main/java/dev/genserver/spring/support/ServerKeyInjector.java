package dev.genserver.spring.support;

import dev.genserver.spring.InternalApi;
import dev.genserver.spring.annotation.ServerKey;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.springframework.beans.BeansException;
import org.springframework.beans.PropertyValues;
import org.springframework.beans.factory.BeanCreationException;
import org.springframework.beans.factory.config.InstantiationAwareBeanPostProcessor;
import org.springframework.util.ReflectionUtils;

/**
 * Sets the {@link ServerKey} fields of a keyed server instance while the bean factory creates it,
 * before {@code @PostConstruct} runs. The key is the one of the instance being started on this
 * thread ({@link #withKey}).
 */
@InternalApi
public class ServerKeyInjector implements InstantiationAwareBeanPostProcessor {

    /** Creates the instance. */
    public ServerKeyInjector() {
    }

    private static final ThreadLocal<Object> CURRENT_KEY = new ThreadLocal<>();

    /**
     * The {@code @ServerKey} fields of each server class. Held by this bean, never in a static: the
     * starter's classes may outlive the application's (devtools restarts the application in a new
     * class loader and closes the old context), and a static cache would keep every old class loader.
     */
    private final Map<Class<?>, List<Field>> fields = new ConcurrentHashMap<>();

    /**
     * Creates a bean with {@code key} as the key of the keyed instance being created.
     *
     * @param key the key, or null for a plain server
     * @param creation creates the bean
     * @param <T> the bean type
     * @return the bean
     */
    public static <T> T withKey(Object key, Supplier<T> creation) {
        Object previous = CURRENT_KEY.get();
        CURRENT_KEY.set(key);
        try {
            return creation.get();
        } finally {
            if (previous == null) {
                CURRENT_KEY.remove();
            } else {
                CURRENT_KEY.set(previous);
            }
        }
    }

    @Override
    public PropertyValues postProcessProperties(PropertyValues pvs, Object bean, String beanName)
            throws BeansException {
        Object key = CURRENT_KEY.get();
        if (key == null) {
            return pvs;
        }
        for (Field f : fields.computeIfAbsent(bean.getClass(), ServerKeyInjector::keyFields)) {
            Object value = key;
            if (!f.getType().isInstance(key)) {
                if (f.getType() == String.class) {
                    value = key.toString();
                } else {
                    throw new BeanCreationException(beanName, "@ServerKey field " + f.getName() + " is a "
                            + f.getType().getSimpleName() + " but the key is a " + key.getClass().getName()
                            + "; declare the field as " + key.getClass().getSimpleName() + ", String or Object");
                }
            }
            ReflectionUtils.setField(f, bean, value);
        }
        return pvs;
    }

    private static List<Field> keyFields(Class<?> type) {
        List<Field> fields = new ArrayList<>();
        ReflectionUtils.doWithFields(type, f -> {
            if (f.isAnnotationPresent(ServerKey.class) && !Modifier.isStatic(f.getModifiers())) {
                ReflectionUtils.makeAccessible(f);
                fields.add(f);
            }
        });
        return fields;
    }
}
