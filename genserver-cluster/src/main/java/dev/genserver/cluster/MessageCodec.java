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

    /**
     * Encodes the reply to {@code request}. The default encodes it as any value; a codec that
     * knows the request's declared reply type (a typed client method) encodes against that type.
     *
     * @param request the request this replies to, as the receiving member decoded it
     * @param reply the reply; may be null
     * @return the bytes
     * @throws IllegalArgumentException when the reply cannot be encoded
     */
    default byte[] encodeReply(Object request, @org.jspecify.annotations.Nullable Object reply) {
        return encode(reply);
    }

    /**
     * Decodes the reply to {@code request}, made by {@link #encodeReply} on any member.
     *
     * @param request the request as the caller sent it
     * @param bytes the bytes
     * @return the reply; may be null
     * @throws IllegalArgumentException when the bytes cannot be decoded here
     */
    default @org.jspecify.annotations.Nullable Object decodeReply(Object request, byte[] bytes) {
        return decode(bytes);
    }

    /**
     * Encodes a failure of the handler of {@code request} that the request declares (a typed
     * client method's {@code throws} clause), so that it comes back to the caller as itself.
     *
     * @param request the request, as the receiving member decoded it
     * @param failure what the call failed with
     * @return the bytes, or null to send the failure as text in a
     *         {@link dev.genserver.process.CallFailedException} (the default)
     */
    default byte @org.jspecify.annotations.Nullable [] encodeFailure(Object request, Throwable failure) {
        return null;
    }

    /**
     * Decodes a failure made by {@link #encodeFailure} on any member.
     *
     * @param request the request as the caller sent it
     * @param bytes the bytes
     * @return the exception the call fails with
     * @throws IllegalArgumentException when the bytes cannot be decoded here
     */
    default Throwable decodeFailure(Object request, byte[] bytes) {
        throw new IllegalArgumentException("this codec encodes no failures");
    }
}
