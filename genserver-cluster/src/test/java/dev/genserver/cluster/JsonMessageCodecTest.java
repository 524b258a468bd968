package dev.genserver.cluster;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Only declared types cross the wire (contract §17.4). */
class JsonMessageCodecTest {

    record Item(String name, int count) {
    }

    record Basket(String owner, List<Item> items) {
    }

    /** Would be dangerous to instantiate from the wire. */
    static final class Gadget {
        static volatile boolean built;

        Gadget() {
            built = true;
        }
    }

    @Test
    void declaredRecordsAndScalarsRoundTrip() {
        JsonMessageCodec codec = new JsonMessageCodec();
        codec.declare(Basket.class);
        Basket basket = new Basket("ann", List.of(new Item("book", 2)));
        assertThat(codec.decode(codec.encode(basket))).isEqualTo(basket);
        assertThat(codec.decode(codec.encode("text"))).isEqualTo("text");
        assertThat(codec.decode(codec.encode(42L))).isEqualTo(42L);
        assertThat(codec.decode(codec.encode(null))).isNull();
    }

    @Test
    void anUndeclaredTypeIsRefusedBeforeSendingWithTheFix() {
        JsonMessageCodec codec = new JsonMessageCodec();
        assertThatThrownBy(() -> codec.encode(new Item("book", 1))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(Item.class.getName()).hasMessageContaining("accepting(Item.class)");
    }

    @Test
    void bytesNamingAnUndeclaredClassAreRefusedWithoutInstantiatingIt() throws IOException {
        JsonMessageCodec codec = new JsonMessageCodec();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeUTF(Gadget.class.getName());
            out.write("{}".getBytes(StandardCharsets.UTF_8));
        }
        assertThatThrownBy(() -> codec.decode(bytes.toByteArray())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a declared message type");
        assertThat(Gadget.built).isFalse();
    }

    @Test
    void typesThatCannotBeEncodedAreRefusedWhenDeclared() {
        JsonMessageCodec codec = new JsonMessageCodec();
        assertThatThrownBy(() -> codec.declare(Runnable.class)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("java.lang.Runnable");
        assertThatThrownBy(() -> codec.declare(Object.class)).isInstanceOf(IllegalArgumentException.class);
        Runnable lambda = () -> { };
        assertThatThrownBy(() -> codec.declare(lambda.getClass())).isInstanceOf(IllegalArgumentException.class);
    }
}
