package dev.genserver.sample.dashboard;

import dev.genserver.sample.analytics.AnalyticsBuffer;
import dev.genserver.sample.flashsale.FlashSaleApi;
import dev.genserver.sample.jobs.JobQueueApi;
import dev.genserver.sample.orders.OrderWorkflowApi;
import dev.genserver.sample.pageviews.PageViewsApi;
import dev.genserver.spring.GenServerContext;
import dev.genserver.spring.GenServers;
import dev.genserver.spring.annotation.GenServer;
import dev.genserver.spring.annotation.HandleCall;
import dev.genserver.spring.annotation.HandleCast;
import dev.genserver.spring.annotation.HandleInfo;
import dev.genserver.spring.annotation.OnInit;
import dev.genserver.spring.annotation.OnTerminate;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Use case 13: a live dashboard. Every {@code shop.dashboard.interval} it collects the shop's
 * counters from the other servers and pushes them to every subscribed server-sent-event stream.
 * Subscribers that went away are dropped when a push to them fails.
 */
@GenServer("dashboard")
public class Dashboard {

    /** Adds a stream (a cast). */
    public record Subscribe(SseEmitter emitter) {
    }

    /** Asks for the counters now (a call). */
    public record GetSnapshot() {
    }

    record Tick() {
    }

    private final PageViewsApi pageViews;
    private final FlashSaleApi flashSale;
    private final OrderWorkflowApi orders;
    private final JobQueueApi jobs;
    private final GenServers genServers;
    private final Duration interval;
    private final List<SseEmitter> subscribers = new ArrayList<>();

    Dashboard(PageViewsApi pageViews, FlashSaleApi flashSale, OrderWorkflowApi orders, JobQueueApi jobs,
              GenServers genServers, @Value("${shop.dashboard.interval}") Duration interval) {
        this.pageViews = pageViews;
        this.flashSale = flashSale;
        this.orders = orders;
        this.jobs = jobs;
        this.genServers = genServers;
        this.interval = interval;
    }

    @OnInit
    void init(GenServerContext ctx) {
        ctx.sendAfter(new Tick(), interval);
    }

    @HandleCast
    void subscribe(Subscribe request) {
        subscribers.add(request.emitter());
        push(request.emitter(), snapshot());
    }

    @HandleCall
    Map<String, Object> snapshot(GetSnapshot request) {
        return snapshot();
    }

    @HandleInfo
    void tick(Tick tick, GenServerContext ctx) {
        if (!subscribers.isEmpty()) {
            try {
                Map<String, Object> snapshot = snapshot();
                subscribers.removeIf(emitter -> !push(emitter, snapshot));
            } catch (RuntimeException e) {
                // a server we read from is being restarted (crash button): skip this tick
            }
        }
        ctx.sendAfter(tick, interval);
    }

    @OnTerminate
    void terminate() {
        subscribers.forEach(SseEmitter::complete);   // clients reconnect to the restarted dashboard
    }

    private Map<String, Object> snapshot() {
        Map<String, Object> counters = new LinkedHashMap<>();
        counters.put("at", Instant.now().toString());
        counters.put("pageViews", pageViews.all().values().stream().mapToLong(Long::longValue).sum());
        FlashSaleApi.Sale sale = flashSale.sale();
        counters.put("flashSaleStock", sale.stock());
        counters.put("flashSaleSold", sale.sold());
        counters.put("orders", orders.all().size());
        JobQueueApi.Stats jobStats = jobs.stats();
        counters.put("jobsDone", jobStats.done());
        counters.put("jobsFailed", jobStats.failed());
        AnalyticsBuffer.Stats analytics = genServers.call("analytics", new AnalyticsBuffer.GetStats());
        counters.put("analyticsFlushed", analytics.flushed());
        counters.put("restarts", genServers.servers().stream().mapToLong(s -> s.info().restarts()).sum());
        counters.put("subscribers", subscribers.size());
        return counters;
    }

    private static boolean push(SseEmitter emitter, Map<String, Object> snapshot) {
        try {
            emitter.send(SseEmitter.event().name("counters").data(snapshot));
            return true;
        } catch (IOException | IllegalStateException e) {
            return false;
        }
    }
}
