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
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Use case 13: live counters. Every {@code shop.dashboard.interval} it collects the shop's
 * counters from the other servers and pushes them to every open server-sent-event stream
 * ({@link CounterStreams}, which the web layer owns: a crash of this server loses no stream).
 */
@GenServer("dashboard")
public class Dashboard {

    /** Sends the counters to a stream that just opened (a cast). */
    public record Welcome(SseEmitter emitter) {
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
    private final CounterStreams streams;
    private final Duration interval;

    Dashboard(PageViewsApi pageViews, FlashSaleApi flashSale, OrderWorkflowApi orders, JobQueueApi jobs,
              GenServers genServers, CounterStreams streams,
              @Value("${shop.dashboard.interval}") Duration interval) {
        this.pageViews = pageViews;
        this.flashSale = flashSale;
        this.orders = orders;
        this.jobs = jobs;
        this.genServers = genServers;
        this.streams = streams;
        this.interval = interval;
    }

    @OnInit
    void init(GenServerContext ctx) {
        ctx.sendAfter(new Tick(), interval);
    }

    @HandleCast
    void welcome(Welcome request) {
        streams.send(request.emitter(), snapshot());
    }

    @HandleCall
    Map<String, Object> snapshot(GetSnapshot request) {
        return snapshot();
    }

    @HandleInfo
    void tick(Tick tick, GenServerContext ctx) {
        ctx.sendAfter(tick, interval);   // re-armed first: a failed tick does not end the ticks
        if (streams.size() > 0) {
            try {
                streams.push(snapshot());
            } catch (RuntimeException e) {
                // a server we read from is being restarted (crash button): skip this tick
            }
        }
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
        counters.put("analyticsDropped", analytics.dropped());
        counters.put("restarts", genServers.servers().stream().mapToLong(s -> s.info().restarts()).sum());
        counters.put("subscribers", streams.size());
        return counters;
    }
}
