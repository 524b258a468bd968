package dev.genserver.cluster.autoconfigure;

import java.util.List;

import dev.genserver.cluster.ClusteredServer;
import dev.genserver.cluster.MessageCodec;

/**
 * What an integration adds to the {@link dev.genserver.cluster.ClusterNode} bean beside the
 * application's {@link ClusteredServer} beans: more declarations and a codec around the default
 * one. Spring-free, so that the node's bean method loads nothing of the integration.
 */
interface ClusterContribution {

    /**
     * Returns the servers to declare.
     *
     * @return the declarations
     */
    List<ClusteredServer> servers();

    /**
     * Returns the codec to use.
     *
     * @param delegate the codec the application would use otherwise
     * @return the codec
     */
    MessageCodec codec(MessageCodec delegate);
}
