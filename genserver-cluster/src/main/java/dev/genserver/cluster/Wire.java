package dev.genserver.cluster;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/** The node-to-node protocol: batches of envelopes, their statuses, and replies. */
final class Wire {

    static final int VERSION = 2;

    static final byte CALL = 1;
    static final byte CAST = 2;
    static final byte SEND = 3;
    /** The sender is leaving gracefully and no longer hosts singletons. */
    static final byte LEAVING = 4;
    /** The sender owns a key now and asks to release its instance (contract §17.5): see {@code ShardReleases}. */
    static final byte RELEASE = 5;

    // statuses of a delivered envelope
    static final byte ACCEPTED = 0;
    static final byte NOT_OWNER = 1;
    static final byte NO_SERVER = 2;
    static final byte NO_QUORUM = 3;
    static final byte UNDECODABLE = 4;
    static final byte REFUSED = 5;

    // outcomes of a reply
    static final byte OK = 0;
    static final byte FAILED = 1;
    static final byte STOPPED = 2;
    static final byte NOPROC = 3;
    static final byte TIMEOUT = 4;
    static final byte MAILBOX_FULL = 5;
    static final byte NO_HANDLER = 6;
    /** The handler failed with an exception its request declares, encoded by the codec. */
    static final byte DECLARED = 7;

    private Wire() {
    }

    /** One message: to a singleton ({@code key} empty) or to one key of a sharded server. */
    record Envelope(byte kind, long callId, String target, @Nullable String key, long timeoutMillis,
                    String messageType, byte[] payload) {
    }

    /** A reply to call {@code callId}: an outcome and either the encoded value or a description. */
    record Reply(long callId, byte outcome, byte[] payload, String detail) {
    }

    static byte[] batch(List<Envelope> envelopes) {
        return write(out -> {
            out.writeByte(VERSION);
            out.writeInt(envelopes.size());
            for (Envelope e : envelopes) {
                out.writeByte(e.kind());
                out.writeLong(e.callId());
                out.writeUTF(e.target());
                out.writeBoolean(e.key() != null);
                if (e.key() != null) {
                    out.writeUTF(e.key());
                }
                out.writeLong(e.timeoutMillis());
                out.writeUTF(e.messageType());
                out.writeInt(e.payload().length);
                out.write(e.payload());
            }
        });
    }

    static List<Envelope> batch(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            checkVersion(in.readByte());
            int n = in.readInt();
            List<Envelope> envelopes = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                byte kind = in.readByte();
                long callId = in.readLong();
                String target = in.readUTF();
                String key = in.readBoolean() ? in.readUTF() : null;
                long timeout = in.readLong();
                String type = in.readUTF();
                byte[] payload = new byte[in.readInt()];
                in.readFully(payload);
                envelopes.add(new Envelope(kind, callId, target, key, timeout, type, payload));
            }
            return envelopes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The answer to a batch: one status per envelope, and the replies that were ready at once. */
    record Answer(byte[] statuses, List<Reply> replies) {
    }

    static byte[] answer(byte[] statuses, List<Reply> replies) {
        return write(out -> {
            out.writeByte(VERSION);
            out.writeInt(statuses.length);
            out.write(statuses);
            out.writeInt(replies.size());
            for (Reply r : replies) {
                writeReply(out, r);
            }
        });
    }

    /** Tells, without decoding the rest, whether an answer accepted every envelope of its batch. */
    static boolean allAccepted(byte @Nullable [] answer) {
        if (answer == null || answer.length < 5 || answer[0] != VERSION) {
            return false; // decoded (and refused) by the slow path
        }
        int n = ((answer[1] & 0xFF) << 24) | ((answer[2] & 0xFF) << 16) | ((answer[3] & 0xFF) << 8) | (answer[4] & 0xFF);
        if (n < 0 || answer.length < 5 + n) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if (answer[5 + i] != ACCEPTED) {
                return false;
            }
        }
        return true;
    }

    static Answer answer(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            checkVersion(in.readByte());
            byte[] statuses = new byte[in.readInt()];
            in.readFully(statuses);
            int n = in.readInt();
            List<Reply> replies = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                replies.add(readReply(in));
            }
            return new Answer(statuses, replies);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeReply(DataOutputStream out, Reply r) throws IOException {
        out.writeLong(r.callId());
        out.writeByte(r.outcome());
        out.writeUTF(r.detail());
        out.writeInt(r.payload().length);
        out.write(r.payload());
    }

    private static Reply readReply(DataInputStream in) throws IOException {
        long callId = in.readLong();
        byte outcome = in.readByte();
        String detail = in.readUTF();
        byte[] payload = new byte[in.readInt()];
        in.readFully(payload);
        return new Reply(callId, outcome, payload, detail);
    }

    static byte[] reply(Reply r) {
        return write(out -> {
            out.writeByte(VERSION);
            out.writeLong(r.callId());
            out.writeByte(r.outcome());
            out.writeUTF(r.detail());
            out.writeInt(r.payload().length);
            out.write(r.payload());
        });
    }

    static Reply reply(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            checkVersion(in.readByte());
            long callId = in.readLong();
            byte outcome = in.readByte();
            String detail = in.readUTF();
            byte[] payload = new byte[in.readInt()];
            in.readFully(payload);
            return new Reply(callId, outcome, payload, detail);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void checkVersion(byte version) {
        if (version != VERSION) {
            throw new IllegalStateException("a member speaks protocol version " + version + ", this one " + VERSION
                    + ": run the same genserver-cluster version on every member");
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
