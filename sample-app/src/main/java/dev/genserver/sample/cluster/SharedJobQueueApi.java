package dev.genserver.sample.cluster;

import dev.genserver.sample.cluster.ClusterMessages.QueueView;

/** The cluster's one job queue. */
public interface SharedJobQueueApi {

    /**
     * Queues a job.
     *
     * @param name the job
     * @return the queue after it
     */
    QueueView submit(String name);

    /**
     * Shows the queue.
     *
     * @return the queue
     */
    QueueView view();
}
