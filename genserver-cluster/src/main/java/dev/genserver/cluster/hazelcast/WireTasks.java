package dev.genserver.cluster.hazelcast;

import java.io.IOException;
import java.util.concurrent.Callable;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.DataSerializableFactory;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import dev.genserver.cluster.ClusterEngine;
import org.jspecify.annotations.Nullable;

/**
 * The two executor tasks that carry the node protocol's bytes, and their serializer factory:
 * {@link IdentifiedDataSerializable}, so Hazelcast never uses Java serialization for them.
 */
final class WireTasks implements DataSerializableFactory {

    /** The factory id, registered by {@link HazelcastEngine#configure}. */
    static final int FACTORY_ID = 0x47534E31; // "GSN1"
    static final int DELIVER = 1;
    static final int NOTIFY = 2;

    @Override
    public IdentifiedDataSerializable create(int typeId) {
        return switch (typeId) {
            case DELIVER -> new Deliver();
            case NOTIFY -> new Notify();
            default -> throw new IllegalArgumentException("unknown genserver-cluster task type " + typeId);
        };
    }

    private static ClusterEngine.Inbound inbound(@Nullable HazelcastInstance hazelcast) {
        Object inbound = hazelcast == null ? null : hazelcast.getUserContext().get(HazelcastEngine.USER_CONTEXT_KEY);
        if (inbound instanceof ClusterEngine.Inbound in) {
            return in;
        }
        // nothing was handled: the sender's engine reports it as not delivered and the node routes it again
        throw new java.util.concurrent.RejectedExecutionException("no genserver ClusterNode runs on this member yet");
    }

    /** Sender to owner: a batch of envelopes; answers their statuses. */
    static final class Deliver extends Task implements Callable<byte[]> {
        Deliver() {
        }

        Deliver(String sender, byte[] bytes) {
            super(sender, bytes);
        }

        @Override
        public byte[] call() {
            return inbound(hazelcast).deliver(sender, bytes);
        }

        @Override
        public int getClassId() {
            return DELIVER;
        }
    }

    /** Owner to sender: a reply. */
    static final class Notify extends Task implements Runnable {
        Notify() {
        }

        Notify(String sender, byte[] bytes) {
            super(sender, bytes);
        }

        @Override
        public void run() {
            inbound(hazelcast).notify(sender, bytes);
        }

        @Override
        public int getClassId() {
            return NOTIFY;
        }
    }

    abstract static class Task implements IdentifiedDataSerializable, HazelcastInstanceAware {
        String sender = "";
        byte[] bytes = new byte[0];
        transient @Nullable HazelcastInstance hazelcast;

        Task() {
        }

        Task(String sender, byte[] bytes) {
            this.sender = sender;
            this.bytes = bytes;
        }

        @Override
        public void setHazelcastInstance(HazelcastInstance hazelcastInstance) {
            this.hazelcast = hazelcastInstance;
        }

        @Override
        public int getFactoryId() {
            return FACTORY_ID;
        }

        @Override
        public void writeData(ObjectDataOutput out) throws IOException {
            out.writeString(sender);
            out.writeByteArray(bytes);
        }

        @Override
        public void readData(ObjectDataInput in) throws IOException {
            sender = in.readString();
            bytes = in.readByteArray();
        }
    }
}
