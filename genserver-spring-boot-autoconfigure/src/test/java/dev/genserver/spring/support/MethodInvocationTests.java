package dev.genserver.spring.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A typed message describes its method as logs show it, building that string once per method. */
class MethodInvocationTests {

    interface CartApi {
        void add(String item, int quantity);

        List<String> items();
    }

    @Test
    void describesTheMethodByInterfaceNameAndParameterTypes() throws NoSuchMethodException {
        Method add = CartApi.class.getDeclaredMethod("add", String.class, int.class);
        Method items = CartApi.class.getDeclaredMethod("items");

        assertThat(MethodInvocation.describe(add)).isEqualTo("CartApi.add(String, int)");
        assertThat(new MethodInvocation(items, null)).hasToString("CartApi.items()");
        assertThat(new MethodInvocation(add, new Object[] {"book", 1}).messageType())
                .isEqualTo("CartApi.add(String, int)");
    }

    @Test
    void buildsEachDescriptionOnceNotPerMessage() throws NoSuchMethodException {
        Method add = CartApi.class.getDeclaredMethod("add", String.class, int.class);

        String first = new MethodInvocation(add, new Object[] {"book", 1}).toString();
        String second = new MethodInvocation(add, new Object[] {"pen", 2}).toString();

        assertThat(second).as("the second message's description").isSameAs(first);
    }
}
