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
import dev.genserver.spring.ReplyException;
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

    /**
     * Encodes an exception the client method declares (its {@code throws} clause), as the declared
     * type it is an instance of, with its message; anything else goes as text.
     */
    @Override
    public byte @Nullable [] encodeFailure(Object request, Throwable failure) {
        if (!(request instanceof MethodInvocation inv) || !(failure instanceof ReplyException)
                || failure.getCause() == null) {
            return null;
        }
        Throwable cause = failure.getCause();
        Class<?> declared = declaredType(inv.method(), cause.getClass());
        if (declared == null) {
            return null;
        }
        String message = cause.getMessage();
        return write(out -> {
            out.writeUTF(declared.getName());
            out.writeBoolean(message != null);
            if (message != null) {
                out.writeUTF(message.length() > 10_000 ? message.substring(0, 10_000) : message);
            }
        });
    }

    @Override
    public Throwable decodeFailure(Object request, byte[] bytes) {
        if (!(request instanceof MethodInvocation inv)) {
            throw new IllegalArgumentException("a declared failure answers a typed client method only");
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            String name = in.readUTF();
            String message = in.readBoolean() ? in.readUTF() : null;
            for (Class<?> type : inv.method().getExceptionTypes()) {
                if (type.getName().equals(name)) {
                    return new ReplyException(inv.method().getDeclaringClass().getSimpleName(), inv.toString(),
                            instantiate(type, message));
                }
            }
            throw new IllegalArgumentException(name + " is not declared by " + inv + " on this member: run the "
                    + "same application version on every member");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Returns the declared exception type of {@code method} that {@code type} is, the most specific first.
     *
     * @param method the client method
     * @param type the thrown exception's class
     * @return the declared type, or null when the method does not declare it
     */
    static @Nullable Class<?> declaredType(Method method, Class<?> type) {
        Class<?> best = null;
        for (Class<?> d : method.getExceptionTypes()) {
            if (d.isAssignableFrom(type) && (best == null || best.isAssignableFrom(d))) {
                best = d;
            }
        }
        return best;
    }

    /**
     * Tells how a declared exception is rebuilt on the caller, or why it cannot be.
     *
     * @param type the declared exception type
     * @return null when it has a (String) or no-argument constructor, else the problem
     */
    static @Nullable String rebuildProblem(Class<?> type) {
        if (java.lang.reflect.Modifier.isAbstract(type.getModifiers())) {
            return type.getName() + " is abstract; declare the concrete exceptions the method throws";
        }
        for (java.lang.reflect.Constructor<?> c : type.getDeclaredConstructors()) {
            Class<?>[] p = c.getParameterTypes();
            if (p.length == 0 || (p.length == 1 && p[0] == String.class)) {
                return null;
            }
        }
        return type.getName() + " has no (String) or no-argument constructor, so it cannot be rebuilt on the "
                + "calling member; add one";
    }

    private static Throwable instantiate(Class<?> type, @Nullable String message) {
        try {
            try {
                var c = type.getDeclaredConstructor(String.class);
                c.setAccessible(true);
                return (Throwable) c.newInstance(message);
            } catch (NoSuchMethodException e) {
                var c = type.getDeclaredConstructor();
                c.setAccessible(true);
                return (Throwable) c.newInstance();
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalArgumentException("cannot rebuild " + type.getName() + ": " + e, e);
        }
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
