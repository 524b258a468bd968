package dev.genserver.spring.test;

import dev.genserver.spring.annotation.GenServer;
import dev.genserver.spring.annotation.Supervisor;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.test.context.AnnotatedClassFinder;
import org.springframework.boot.test.context.filter.annotation.StandardAnnotationCustomizableTypeExcludeFilter;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.MethodParameter;
import org.springframework.core.ResolvableType;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.util.ClassUtils;
import org.springframework.util.ObjectUtils;

/**
 * The component scan of a {@link GenServerTest}: keeps the {@code @GenServer} classes (or those
 * the test names), the classes declaring {@code @Supervisor}s, and the components the kept
 * servers' constructors and injected fields take.
 */
final class GenServerTypeExcludeFilter extends StandardAnnotationCustomizableTypeExcludeFilter<GenServerTest> {

    private static final Set<String> INJECTION_ANNOTATIONS = Set.of("org.springframework.beans.factory.annotation.Autowired",
            "jakarta.inject.Inject", "jakarta.annotation.Resource", "org.springframework.beans.factory.annotation.Value");

    private final Class<?>[] servers;
    private final Set<Class<?>> dependencyTypes;

    GenServerTypeExcludeFilter(Class<?> testClass) {
        super(testClass);
        this.servers = getAnnotation().getValue("value", Class[].class).orElse(new Class<?>[0]);
        Set<Class<?>> kept = new LinkedHashSet<>();
        if (ObjectUtils.isEmpty(servers)) {
            kept.addAll(scannedServers(testClass));
        } else {
            kept.addAll(Arrays.asList(servers));
        }
        Set<Class<?>> types = new LinkedHashSet<>();
        for (Class<?> server : kept) {
            dependencyTypes(server, types);
        }
        this.dependencyTypes = types;
    }

    @Override
    protected Set<Class<?>> getKnownIncludes() {
        return ObjectUtils.isEmpty(servers) ? Set.of(GenServer.class, Supervisor.class) : Set.of(Supervisor.class);
    }

    @Override
    protected Set<Class<?>> getComponentIncludes() {
        Set<Class<?>> includes = new LinkedHashSet<>(Arrays.asList(servers));
        includes.addAll(dependencyTypes);
        return includes;
    }

    /** The {@code @GenServer} classes in the package of the application's {@code @SpringBootConfiguration}. */
    private static Set<Class<?>> scannedServers(Class<?> testClass) {
        Set<Class<?>> found = new LinkedHashSet<>();
        Class<?> configuration = new AnnotatedClassFinder(SpringBootConfiguration.class).findFromClass(testClass);
        if (configuration == null) {
            return found;
        }
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(GenServer.class));
        for (BeanDefinition bd : scanner.findCandidateComponents(configuration.getPackageName())) {
            try {
                found.add(ClassUtils.forName(bd.getBeanClassName(), testClass.getClassLoader()));
            } catch (ClassNotFoundException | LinkageError e) {
                // not loadable: the context would fail on it with a clearer message
            }
        }
        return found;
    }

    /** The application types a server's constructors and injected fields take. */
    private static void dependencyTypes(Class<?> server, Set<Class<?>> into) {
        for (Constructor<?> c : server.getDeclaredConstructors()) {
            for (int i = 0; i < c.getParameterCount(); i++) {
                addApplicationType(ResolvableType.forMethodParameter(new MethodParameter(c, i)), into);
            }
        }
        for (Class<?> type = server; type != null && type != Object.class; type = type.getSuperclass()) {
            for (Field f : type.getDeclaredFields()) {
                if (!Modifier.isStatic(f.getModifiers()) && Arrays.stream(f.getAnnotations())
                        .anyMatch(a -> INJECTION_ANNOTATIONS.contains(a.annotationType().getName()))) {
                    addApplicationType(ResolvableType.forField(f), into);
                }
            }
        }
    }

    private static void addApplicationType(ResolvableType type, Set<Class<?>> into) {
        Class<?> raw = type.resolve(Object.class);
        if (raw == ObjectProvider.class || raw == Optional.class || raw == List.class || raw == Set.class) {
            raw = type.getGeneric(0).resolve(Object.class);
        }
        String name = raw.getName();
        // platform and framework types: no application component is one (an Object would match all)
        if (raw.isPrimitive() || raw.isArray() || name.startsWith("java.") || name.startsWith("javax.")
                || name.startsWith("jakarta.") || name.startsWith("org.springframework.")) {
            return;
        }
        into.add(raw);
    }
}
