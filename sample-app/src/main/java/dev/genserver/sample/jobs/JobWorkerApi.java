package dev.genserver.sample.jobs;

/** One worker of the pool. */
public interface JobWorkerApi {

    /** Runs a job and reports to the queue when done (a cast). */
    void run(JobQueueApi.Job job);
}
