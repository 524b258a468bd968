package dev.genserver.cluster;

/**
 * Turns the messages and replies of clustered servers into bytes and back. Only declared types
 * may cross the wire: decoding never instantiates a class that was not declared (no open Java
 * deserialization, contract §17.4).
 */
public interface MessageCodec {

    /**
     * Encodes {@code value}.
     *
     * @param value a message or reply; may be null
     * @return the bytes
     * @throws IllegalArgumentException when the value's type is not declared or cannot be encoded;
     *         the message names the type and says how to declare it
     */
    byte[] encode(@org.jspecify.annotations.Nullable Object value);

    /**
     * Decodes bytes made by {@link #encode} on any member.
     *
     * @param bytes the bytes
     * @return the value; may be null
     * @throws IllegalArgumentException when the bytes name a type that is not declared here
     */
    @org.jspecify.annotations.Nullable Object decode(byte[] bytes);

    /**
     * Declares {@code type} as a message or reply type.
     *
     * @param type the class, checked now: it must be encodable
     * @throws IllegalArgumentException when it cannot be encoded (an interface, a lambda, an open
     *         {@code Object}), naming the type
     */
    void declare(Class<?> type);
}
