package dev.genserver.cluster;

import dev.genserver.process.GenServerException;
import org.jspecify.annotations.Nullable;

/**
 * The cluster cannot run the server now: this side of a split has no quorum, the server's owner
 * did not take the request before the call timeout (a hand-off or failover still under way), or
 * this member is leaving. The request was not handled (contract §17.3).
 */
public final class ClusterUnavailableException extends GenServerException {

    /**
     * Creates the exception.
     *
     * @param server the server called
     * @param messageType the class name of the request, if any
     * @param why what is missing and what to do
     */
    public ClusterUnavailableException(String server, @Nullable String messageType, String why) {
        super("'" + server + "' is not available in the cluster: " + why, server, messageType, null);
    }
}
