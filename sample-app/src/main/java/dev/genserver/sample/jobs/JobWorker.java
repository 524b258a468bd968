package dev.genserver.sample.jobs;

import dev.genserver.spring.GenServers;
import dev.genserver.spring.annotation.GenServer;
import dev.genserver.spring.annotation.HandleCast;
import dev.genserver.spring.annotation.Keyed;
import dev.genserver.spring.annotation.ServerKey;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;

/**
 * Use case 5: a worker, keyed by its slot number ({@code jobWorker[0]}, {@code jobWorker[1]}, ...):
 * the pool is as big as the number of slots the queue uses. A job whose payload contains
 * {@code crash} throws: the worker crashes, its supervisor restarts it, and the queue, which
 * monitors it, marks the job failed and goes on.
 */
@GenServer("jobWorker")
@Keyed(idleTimeout = "infinity")
public class JobWorker implements JobWorkerApi {

    /** The queue's order to run a job (a cast sent straight to the worker's reference). */
    public record RunJob(JobQueueApi.Job job) {
    }

    /** The worker's report to the queue. */
    public record Finished(int worker, long jobId, String result) {
    }

    @ServerKey
    Integer slot;

    private final GenServers genServers;
    private final Duration workTime;

    JobWorker(GenServers genServers, @Value("${shop.jobs.work-time}") Duration workTime) {
        this.genServers = genServers;
        this.workTime = workTime;
    }

    @HandleCast
    void runJob(RunJob order) {
        run(order.job());
    }

    @Override
    public void run(JobQueueApi.Job job) {
        if (job.payload() != null && job.payload().contains("crash")) {
            throw new IllegalStateException("job " + job.id() + " crashed the worker");
        }
        try {
            Thread.sleep(workTime);   // stands for the real work: sending the email, resizing the upload
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("job " + job.id() + " interrupted", e);   // the queue's monitor sees it
        }
        String result = switch (job.kind()) {
            case "email" -> "sent to " + job.payload();
            case "upload" -> "processed " + job.payload();
            default -> "done";
        };
        genServers.cast("jobQueue", new Finished(slot, job.id(), result));
    }
}
