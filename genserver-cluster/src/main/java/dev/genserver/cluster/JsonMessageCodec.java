package dev.genserver.cluster;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The default {@link MessageCodec}: JSON written by Jackson 3 (pass the application's mapper to
 * share its modules), prefixed by the class name, which must be one of the declared types or a
 * scalar ({@code String}, boxed primitives). Records and plain classes with Jackson-readable
 * properties work; interfaces, abstract classes, lambdas and {@code Object} are refused when
 * declared.
 */
public final class JsonMessageCodec implements MessageCodec {

    private static final Set<Class<?>> SCALARS = Set.of(String.class, Integer.class, Long.class, Short.class,
            Byte.class, Double.class, Float.class, Boolean.class, Character.class);

    private final JsonMapper mapper;
    private final Map<String, Class<?>> declared = new ConcurrentHashMap<>();

    /**
     * Creates a codec with the given mapper.
     *
     * @param mapper the mapper (Spring Boot's, in an application)
     */
    public JsonMessageCodec(JsonMapper mapper) {
        this.mapper = mapper;
        SCALARS.forEach(type -> declared.put(type.getName(), type));
    }

    /** Creates a codec with a default mapper. */
    public JsonMessageCodec() {
        this(JsonMapper.builder().build());
    }

    @Override
    public void declare(Class<?> type) {
        if (type.isPrimitive()) {
            return;
        }
        if (type.isInterface() || Modifier.isAbstract(type.getModifiers()) || type == Object.class
                || type.isSynthetic() || type.isAnonymousClass() || type.isHidden()) {
            throw new IllegalArgumentException("cannot send " + type.getName() + " between members: only concrete "
                    + "classes (records, enums, classes with Jackson-readable properties) can be encoded; declare "
                    + "the concrete message type instead");
        }
        declared.put(type.getName(), type);
    }

    @Override
    public byte[] encode(@Nullable Object value) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            if (value == null) {
                out.writeUTF("");
                return bytes.toByteArray();
            }
            Class<?> type = value.getClass();
            if (declared.get(type.getName()) != type) {
                throw new IllegalArgumentException(type.getName() + " is not a declared message type of any "
                        + "clustered server here: declare it with ClusteredServer.accepting(" + type.getSimpleName()
                        + ".class)");
            }
            out.writeUTF(type.getName());
            out.write(mapper.writeValueAsBytes(value));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("cannot encode a " + value.getClass().getName() + ": "
                    + e.getOriginalMessage(), e);
        }
        return bytes.toByteArray();
    }

    @Override
    public @Nullable Object decode(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(bytes))) {
            String name = in.readUTF();
            if (name.isEmpty()) {
                return null;
            }
            Class<?> type = declared.get(name);
            if (type == null) {
                throw new IllegalArgumentException(name + " is not a declared message type on this member: "
                        + "declare it with ClusteredServer.accepting on every member");
            }
            byte[] json = Arrays.copyOfRange(bytes, bytes.length - in.available(), bytes.length);
            return mapper.readValue(json, type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("cannot decode a message: " + e.getOriginalMessage(), e);
        }
    }
}
