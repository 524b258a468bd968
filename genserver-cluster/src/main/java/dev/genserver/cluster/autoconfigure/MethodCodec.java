package dev.genserver.cluster.autoconfigure;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;

import dev.genserver.cluster.MessageCodec;
import dev.genserver.spring.support.MethodInvocation;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;

/**
 * The codec of a cluster whose servers include {@code @Clustered} {@code @GenServer}s: a typed
 * proxy's method invocation crosses the wire as the method's key (interface, name, parameter
 * types) and its arguments as JSON written and read against the method's declared generic
 * parameter types; its reply against the declared return type. The receiver resolves the key
 * only among the client methods of the clustered servers (an allow-list by construction) and
 * never reads a class name from the wire. Other messages (by-name calls with declared message
 * classes) go to the delegate codec.
 */
final class MethodCodec implements MessageCodec {

    private static final byte METHOD = 'M';
    private static final byte REPLY = 'R';
    private static final byte OTHER = 'J';

    /** One client method that may cross the wire. */
    record Signature(String key, Method method, JavaType[] parameters, @Nullable JavaType reply,
                     ObjectWriter[] writers, ObjectReader[] readers, @Nullable ObjectWriter replyWriter,
                     @Nullable ObjectReader replyReader) {
    }

    private final MessageCodec delegate;
    private final Map<String, Signature> byKey = new HashMap<>();
    private final Map<Method, Signature> byMethod = new HashMap<>();

    /**
     * Creates the codec.
     *
     * @param delegate the codec of every other message
     * @param mapper the application's mapper
     * @param methods the client methods of the clustered servers, already checked by {@link WireTypes}
     */
    MethodCodec(MessageCodec delegate, JsonMapper mapper, Collection<Method> methods) {
        this.delegate = delegate;
        for (Method m : methods) {
            Type[] generic = m.getGenericParameterTypes();
            JavaType[] parameters = new JavaType[generic.length];
            ObjectWriter[] writers = new ObjectWriter[generic.length];
            ObjectReader[] readers = new ObjectReader[generic.length];
            for (int i = 0; i < generic.length; i++) {
                parameters[i] = mapper.constructType(generic[i]);
                writers[i] = mapper.writerFor(parameters[i]);
                readers[i] = mapper.readerFor(parameters[i]);
            }
            Type replyType = WireTypes.replyType(m);
            JavaType reply = replyType == null ? null : mapper.constructType(replyType);
            Signature s = new Signature(key(m), m, parameters, reply, writers, readers,
                    reply == null ? null : mapper.writerFor(reply), reply == null ? null : mapper.readerFor(reply));
            byKey.put(s.key(), s);
            byMethod.put(m, s);
        }
    }

    static String key(Method m) {
        return m.getDeclaringClass().getName() + "#" + m.getName() + "("
                + Arrays.stream(m.getParameterTypes()).map(Class::getName).collect(Collectors.joining(",")) + ")";
    }

    @Override
    public void declare(Class<?> type) {
        delegate.declare(type);
    }

    @Override
    public byte[] encode(@Nullable Object value) {
        if (value instanceof MethodInvocation inv) {
            Signature s = signature(inv.method());
            return write(out -> {
                out.writeByte(METHOD);
                out.writeUTF(s.key());
                Object[] args = inv.arguments();
                out.writeInt(args.length);
                for (int i = 0; i < args.length; i++) {
                    ObjectWriter w = s.writers()[i];
                    Object arg = args[i];
                    byte[] json = json(() -> w.writeValueAsBytes(arg), s, "argument " + (i + 1));
                    out.writeInt(json.length);
                    out.write(json);
                }
            });
        }
        byte[] other = delegate.encode(value);
        return write(out -> {
            out.writeByte(OTHER);
            out.write(other);
        });
    }

    @Override
    public @Nullable Object decode(byte[] bytes) {
        if (bytes.length == 0) {
            throw new IllegalArgumentException("an empty message cannot be decoded");
        }
        if (bytes[0] == OTHER) {
            return delegate.decode(Arrays.copyOfRange(bytes, 1, bytes.length));
        }
        if (bytes[0] != METHOD) {
            throw new IllegalArgumentException("not a message of this codec (tag " + bytes[0] + "): run the same "
                    + "application version on every member");
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes, 1, bytes.length - 1))) {
            String key = in.readUTF();
            Signature s = byKey.get(key);
            if (s == null) {
                throw new IllegalArgumentException(key + " is not a client method of a @Clustered server on this "
                        + "member: run the same application version on every member");
            }
            int n = in.readInt();
            if (n != s.parameters().length) {
                throw new IllegalArgumentException(key + " arrived with " + n + " arguments");
            }
            Object[] args = new Object[n];
            for (int i = 0; i < n; i++) {
                byte[] json = new byte[in.readInt()];
                in.readFully(json);
                int k = i;
                args[i] = json(() -> s.readers()[k].readValue(json), s, "argument " + (i + 1));
            }
            return new MethodInvocation(s.method(), args);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public byte[] encodeReply(Object request, @Nullable Object reply) {
        if (request instanceof MethodInvocation inv) {
            Signature s = signature(inv.method());
            ObjectWriter w = s.replyWriter();
            byte[] json = w == null || reply == null ? "null".getBytes(java.nio.charset.StandardCharsets.UTF_8)
                    : json(() -> w.writeValueAsBytes(reply), s, "the reply");
            return write(out -> {
                out.writeByte(REPLY);
                out.write(json);
            });
        }
        return encode(reply);
    }

    @Override
    public @Nullable Object decodeReply(Object request, byte[] bytes) {
        if (request instanceof MethodInvocation inv && bytes.length > 0 && bytes[0] == REPLY) {
            Signature s = signature(inv.method());
            ObjectReader r = s.replyReader();
            byte[] json = Arrays.copyOfRange(bytes, 1, bytes.length);
            return r == null ? null : json(() -> r.readValue(json), s, "the reply");
        }
        return decode(bytes);
    }

    private Signature signature(Method method) {
        Signature s = byMethod.get(method);
        if (s == null) {
            throw new IllegalArgumentException(MethodInvocation.describe(method) + " is not a client method of a "
                    + "@Clustered server");
        }
        return s;
    }

    private interface Json<T> {
        T run() throws JacksonException;
    }

    private static <T> T json(Json<T> work, Signature s, String what) {
        try {
            return work.run();
        } catch (JacksonException e) {
            throw new IllegalArgumentException("cannot encode or decode " + what + " of "
                    + MethodInvocation.describe(s.method()) + ": " + e.getOriginalMessage(), e);
        }
    }

    private interface Writer {
        void write(DataOutputStream out) throws IOException;
    }

    private static byte[] write(Writer writer) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            writer.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
