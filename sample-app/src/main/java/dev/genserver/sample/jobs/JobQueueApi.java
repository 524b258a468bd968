package dev.genserver.sample.jobs;

import java.util.List;

/** Use case 5: a job queue served by a bounded pool of workers. */
public interface JobQueueApi {

    /** A job and its outcome. */
    record Job(long id, String kind, String payload, Status status, String result, Integer worker) {

        /** Where the job is. */
        public enum Status { QUEUED, RUNNING, DONE, FAILED }

        Job with(Status newStatus, String newResult, Integer newWorker) {
            return new Job(id, kind, payload, newStatus, newResult, newWorker);
        }
    }

    /** Queue counters. */
    record Stats(int workers, int busy, int queued, long done, long failed, int peakBusy) {
    }

    /** Enqueues a job (a call: replies with the queued job). */
    Job submit(String kind, String payload);

    /** Returns every job (a call). */
    List<Job> jobs();

    /** Returns the counters (a call). */
    Stats stats();
}
