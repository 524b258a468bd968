package dev.genserver.sample.jobs;

import dev.genserver.process.Down;
import dev.genserver.process.ExitReason;
import dev.genserver.process.MonitorRef;
import dev.genserver.process.ServerRef;
import dev.genserver.process.ServerStatus;
import dev.genserver.sample.jobs.JobQueueApi.Job.Status;
import dev.genserver.spring.GenServerContext;
import dev.genserver.spring.KeyedServers;
import dev.genserver.spring.annotation.GenServer;
import dev.genserver.spring.annotation.HandleCast;
import dev.genserver.spring.annotation.HandleInfo;
import dev.genserver.spring.annotation.OnInit;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;

/**
 * Use case 5: the queue owns the jobs; at most {@code shop.jobs.workers} of them run at once, one
 * per worker. It monitors the worker of every running job: a worker that crashes sends it a
 * {@link Down}, the job is marked failed and the queue carries on, nothing queued is lost.
 * The mailbox is bounded so that a flood of submissions is refused rather than exhausting memory.
 */
@GenServer(value = "jobQueue", mailboxCapacity = 10_000)
public class JobQueue implements JobQueueApi {

    private record Running(long jobId, MonitorRef monitor) {
    }

    record RetryDispatch() {
    }

    private final KeyedServers<JobWorkerApi> workers;
    private final int poolSize;
    private final Map<Long, Job> jobs = new LinkedHashMap<>();
    private final Deque<Long> queue = new ArrayDeque<>();
    private final Map<Integer, Running> busy = new HashMap<>();
    private GenServerContext ctx;
    private long nextId = 1;
    private long done;
    private long failed;
    private int peakBusy;
    private boolean retryLater;
    private boolean retryPending;

    JobQueue(KeyedServers<JobWorkerApi> workers, @Value("${shop.jobs.workers}") int poolSize) {
        this.workers = workers;
        this.poolSize = poolSize;
    }

    @OnInit
    void init(GenServerContext context) {
        this.ctx = context;
    }

    @Override
    public Job submit(String kind, String payload) {
        Job job = new Job(nextId++, kind, payload, Status.QUEUED, null, null);
        jobs.put(job.id(), job);
        queue.add(job.id());
        dispatch();
        return jobs.get(job.id());
    }

    @Override
    public List<Job> jobs() {
        return new ArrayList<>(jobs.values());
    }

    @Override
    public Stats stats() {
        return new Stats(poolSize, busy.size(), queue.size(), done, failed, peakBusy);
    }

    @HandleCast
    void finished(JobWorker.Finished report) {
        Running running = busy.get(report.worker());
        if (running != null && running.jobId() == report.jobId()) {
            busy.remove(report.worker());
            ctx.demonitor(running.monitor(), true);
        }
        Job job = jobs.get(report.jobId());
        if (job != null && (job.status() == Status.RUNNING || job.status() == Status.QUEUED)) {
            jobs.put(job.id(), job.with(Status.DONE, report.result(), report.worker()));
            queue.remove(job.id());   // it had been put back after a restart race, yet it ran: done is done
            done++;
        }
        dispatch();
    }

    @HandleInfo
    void workerDown(Down down) {
        busy.entrySet().removeIf(e -> {
            if (!e.getValue().monitor().equals(down.monitor())) {
                return false;
            }
            long jobId = e.getValue().jobId();
            if (jobs.get(jobId).status() != Status.RUNNING) {
                return true;
            }
            if (down.reason() instanceof ExitReason.Crash) {
                // the job crashed its worker: it failed; the supervisor restarts the worker
                jobs.computeIfPresent(jobId,
                        (id, job) -> job.with(Status.FAILED, "worker crashed: " + describe(down.reason()), e.getKey()));
                failed++;
            } else {
                // the worker was not there (still being restarted): the job goes back to the front of the
                // queue. The order may still reach the restarted worker (its mailbox survives), so a job
                // can run twice: at-least-once delivery, as in most job queues; the first report wins.
                jobs.computeIfPresent(jobId, (id, job) -> job.with(Status.QUEUED, null, null));
                queue.addFirst(jobId);
                retryLater = true;
            }
            return true;
        });
        dispatch();
    }

    @HandleInfo
    void retry(RetryDispatch tick) {
        retryPending = false;
        dispatch();
    }

    private void dispatch() {
        for (int slot = 0; slot < poolSize && !queue.isEmpty(); slot++) {
            if (busy.containsKey(slot)) {
                continue;
            }
            ServerRef worker;
            try {
                worker = workers.start(slot);     // the worker of this slot, started on demand
                if (worker.info().status() != ServerStatus.RUNNING) {
                    retryLater = true;            // its supervisor is restarting it: try again shortly
                    continue;
                }
            } catch (RuntimeException e) {
                retryLater = true;                // being restarted right now: try again shortly
                continue;
            }
            Job job = jobs.get(queue.poll()).with(Status.RUNNING, null, slot);
            jobs.put(job.id(), job);
            busy.put(slot, new Running(job.id(), ctx.monitor(worker)));
            worker.cast(new JobWorker.RunJob(job));
            peakBusy = Math.max(peakBusy, busy.size());
        }
        if (retryLater && !retryPending && !queue.isEmpty()) {
            retryPending = true;
            ctx.sendAfter(new RetryDispatch(), Duration.ofMillis(20));
        }
        retryLater = false;
    }

    private static String describe(ExitReason reason) {
        return reason instanceof ExitReason.Crash crash ? String.valueOf(crash.cause().getMessage()) : reason.toString();
    }
}
