package dev.genserver.benchmarks.cluster;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.DataSerializableFactory;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import java.io.IOException;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The floor's executor tasks: the least a member-targeted call or cast on Hazelcast can cost. Like
 * genserver-cluster's own tasks they are {@link IdentifiedDataSerializable} and carry a small
 * byte payload, so the floor pays the same serialization framework, without our protocol.
 */
public final class FloorTasks implements DataSerializableFactory {

    static final int FACTORY_ID = 0x42454E43; // "BENC"
    static final int ECHO = 1;
    static final int COUNT = 2;

    /** What {@link Count} tasks counted, on whichever member ran them (both live in this JVM). */
    public static final AtomicLong COUNTED = new AtomicLong();

    @Override
    public IdentifiedDataSerializable create(int typeId) {
        return switch (typeId) {
            case ECHO -> new Echo();
            case COUNT -> new Count();
            default -> throw new IllegalArgumentException("unknown floor task " + typeId);
        };
    }

    /** A call: answers its payload's length. */
    public static final class Echo extends Payload implements Callable<Integer> {
        /** For the factory. */
        public Echo() {
        }

        /**
         * A task with a payload.
         *
         * @param bytes the payload
         */
        public Echo(byte[] bytes) {
            super(bytes);
        }

        @Override
        public Integer call() {
            return bytes.length;
        }

        @Override
        public int getClassId() {
            return ECHO;
        }
    }

    /** A cast: counts itself. */
    public static final class Count extends Payload implements Runnable {
        /** For the factory. */
        public Count() {
        }

        /**
         * A task with a payload.
         *
         * @param bytes the payload
         */
        public Count(byte[] bytes) {
            super(bytes);
        }

        @Override
        public void run() {
            COUNTED.incrementAndGet();
        }

        @Override
        public int getClassId() {
            return COUNT;
        }
    }

    abstract static class Payload implements IdentifiedDataSerializable {
        byte[] bytes = new byte[0];

        Payload() {
        }

        Payload(byte[] bytes) {
            this.bytes = bytes;
        }

        @Override
        public int getFactoryId() {
            return FACTORY_ID;
        }

        @Override
        public void writeData(ObjectDataOutput out) throws IOException {
            out.writeByteArray(bytes);
        }

        @Override
        public void readData(ObjectDataInput in) throws IOException {
            bytes = in.readByteArray();
        }
    }
}
