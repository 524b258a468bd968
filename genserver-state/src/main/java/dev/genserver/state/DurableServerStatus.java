package dev.genserver.state;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What a {@link Durable} server has done with its state since the application started (for a
 * keyed server, all its instances together).
 *
 * @param server the server's name
 * @param storedAs the name its states are stored under
 * @param mode when it writes
 * @param writeBehindDelay the write-behind delay, or null for write-through
 * @param version the class's {@link StateVersion}
 * @param fields the state fields
 * @param instances instances running now
 * @param pendingWrites instances whose changed state waits to be written (write-behind)
 * @param loads states read (at a start, restart or activation)
 * @param migrated states read that needed a migration
 * @param writes states written
 * @param lastWrite when the last state was written, or null
 * @param lastRevision the revision of the last write, or 0
 * @param conflicts writes refused because another instance had written the key
 * @param storeErrors reads and writes the store failed
 * @param lastError the message of the last conflict or store error, or null
 * @param lastErrorAt when it happened, or null
 */
public record DurableServerStatus(String server, String storedAs, WriteMode mode, @Nullable Duration writeBehindDelay,
                                  int version, List<String> fields, int instances, int pendingWrites, long loads,
                                  long migrated, long writes, @Nullable Instant lastWrite, long lastRevision,
                                  long conflicts, long storeErrors, @Nullable String lastError,
                                  @Nullable Instant lastErrorAt) {
}
