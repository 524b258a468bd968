package dev.genserver.spring.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.genserver.spring.annotation.ServerKey;
import java.io.IOException;
import java.io.InputStream;
import java.lang.ref.WeakReference;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.MutablePropertyValues;
import org.springframework.core.annotation.AnnotationUtils;
import org.springframework.util.ReflectionUtils;

/** The @ServerKey injector keeps no application class alive after its context is gone. */
class ServerKeyInjectorTests {

    /** A keyed server's class, loaded by a class loader of its own in the test. */
    public static class Instance {
        @ServerKey
        public String user;
    }

    /** Loads {@link Instance} itself, like devtools' restart class loader loads application classes. */
    static final class RestartLoader extends ClassLoader {
        RestartLoader() {
            super(ServerKeyInjectorTests.class.getClassLoader());
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (!name.equals(Instance.class.getName())) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> loaded = findLoadedClass(name);
                if (loaded != null) {
                    return loaded;
                }
                try (InputStream in = getParent().getResourceAsStream(name.replace('.', '/') + ".class")) {
                    byte[] bytes = in.readAllBytes();
                    return defineClass(name, bytes, 0, bytes.length);
                } catch (IOException e) {
                    throw new ClassNotFoundException(name, e);
                }
            }
        }
    }

    @Test
    void setsTheKeyFieldWhileTheBeanIsCreated() throws Exception {
        ServerKeyInjector injector = new ServerKeyInjector();
        Instance bean = ServerKeyInjector.withKey("ann", () -> {
            Instance i = new Instance();
            injector.postProcessProperties(new MutablePropertyValues(), i, "cart");
            return i;
        });
        assertThat(bean.user).isEqualTo("ann");
    }

    @Test
    void anApplicationClassLoaderIsReleasedWithTheInjector() throws Exception {
        WeakReference<ClassLoader> loader = injectIntoAClassOfAThrowawayLoader();
        // What devtools does on each restart: Spring's own caches of reflection data are soft and
        // cleared; nothing of the starter may hold the old classes beyond that.
        ReflectionUtils.clearCache();
        AnnotationUtils.clearCache();
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50)).until(() -> {
            System.gc();
            return loader.get() == null;
        });
    }

    /** Creates a loader, a class of it, an instance, an injector; returns only a weak reference. */
    private static WeakReference<ClassLoader> injectIntoAClassOfAThrowawayLoader() throws Exception {
        RestartLoader loader = new RestartLoader();
        Class<?> type = loader.loadClass(Instance.class.getName());
        assertThat(type).isNotSameAs(Instance.class);
        Object bean = type.getConstructor().newInstance();
        ServerKeyInjector injector = new ServerKeyInjector();
        ServerKeyInjector.withKey("ann", () -> injector.postProcessProperties(new MutablePropertyValues(), bean, "cart"));
        assertThat(type.getField("user").get(bean)).isEqualTo("ann");
        return new WeakReference<>(loader);
    }
}
