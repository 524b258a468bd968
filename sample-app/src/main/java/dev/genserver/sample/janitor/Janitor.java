package dev.genserver.sample.janitor;

import dev.genserver.sample.cart.CartApi;
import dev.genserver.sample.flashsale.FlashSaleApi;
import dev.genserver.sample.orders.Order;
import dev.genserver.sample.orders.OrderWorkflowApi;
import dev.genserver.sample.pageviews.PageViewsApi;
import dev.genserver.spring.GenServerContext;
import dev.genserver.spring.KeyedServers;
import dev.genserver.spring.annotation.GenServer;
import dev.genserver.spring.annotation.HandleCall;
import dev.genserver.spring.annotation.HandleCast;
import dev.genserver.spring.annotation.HandleInfo;
import dev.genserver.spring.annotation.OnInit;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;

/**
 * Use case 6: periodic work with {@code sendAfter}. Every {@code shop.janitor.cleanup-interval}
 * it stops the carts whose contents have not changed for {@code shop.janitor.abandoned-after}
 * (the carts report their changes to it); every {@code shop.janitor.summary-interval} (a day by
 * default) it writes a summary of the shop. Each timer re-arms itself from its own handler.
 */
@GenServer("janitor")
public class Janitor {

    private static final Logger log = LoggerFactory.getLogger(Janitor.class);

    /** A cart changed (a cast from the cart). */
    public record CartTouched(String user, boolean hasItems, Instant at) {
    }

    /** Asks for the janitor's report (a call). */
    public record GetReport() {
    }

    /** The janitor's report. */
    public record Report(int watchedCarts, List<String> abandonedCarts, Map<String, Object> lastSummary) {
    }

    /** The cleanup timer. */
    record Cleanup() {
    }

    /** The daily summary timer; sending it by hand makes a summary now. */
    public record DailySummary() {
    }

    private final KeyedServers<CartApi> carts;
    private final OrderWorkflowApi orders;
    private final PageViewsApi pageViews;
    private final FlashSaleApi flashSale;
    private final Duration cleanupInterval;
    private final Duration abandonedAfter;
    private final Duration summaryInterval;
    private final Map<String, Instant> nonEmptyCarts = new HashMap<>();
    private final List<String> abandoned = new ArrayList<>();
    private Map<String, Object> lastSummary;

    Janitor(KeyedServers<CartApi> carts, OrderWorkflowApi orders, PageViewsApi pageViews, FlashSaleApi flashSale,
            @Value("${shop.janitor.cleanup-interval}") Duration cleanupInterval,
            @Value("${shop.janitor.abandoned-after}") Duration abandonedAfter,
            @Value("${shop.janitor.summary-interval}") Duration summaryInterval) {
        this.carts = carts;
        this.orders = orders;
        this.pageViews = pageViews;
        this.flashSale = flashSale;
        this.cleanupInterval = cleanupInterval;
        this.abandonedAfter = abandonedAfter;
        this.summaryInterval = summaryInterval;
    }

    @OnInit
    void init(GenServerContext ctx) {
        ctx.sendAfter(new Cleanup(), cleanupInterval);
        ctx.sendAfter(new DailySummary(), summaryInterval);
    }

    @HandleCast
    void touched(CartTouched event) {
        if (event.hasItems()) {
            nonEmptyCarts.put(event.user(), event.at());
        } else {
            nonEmptyCarts.remove(event.user());
        }
    }

    @HandleInfo
    void cleanup(Cleanup tick, GenServerContext ctx) {
        Instant cutoff = Instant.now().minus(abandonedAfter);
        nonEmptyCarts.entrySet().removeIf(e -> {
            if (e.getValue().isAfter(cutoff)) {
                return false;
            }
            if (carts.stop(e.getKey())) {           // terminate runs; the next visit starts an empty cart
                abandoned.add(e.getKey());
                log.info("cart of {} abandoned since {}: cleaned up", e.getKey(), e.getValue());
            }
            return true;
        });
        ctx.sendAfter(tick, cleanupInterval);
    }

    @HandleInfo
    void summary(DailySummary tick, GenServerContext ctx) {
        Map<String, Long> byStatus = new TreeMap<>();
        for (Order order : orders.all()) {
            byStatus.merge(order.status().name(), 1L, Long::sum);
        }
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("at", Instant.now().toString());
        summary.put("orders", byStatus);
        summary.put("pageViews", pageViews.all().values().stream().mapToLong(Long::longValue).sum());
        summary.put("flashSaleSold", flashSale.sale().sold());
        summary.put("abandonedCarts", abandoned.size());
        lastSummary = summary;
        log.info("daily summary: {}", summary);
        ctx.sendAfter(new DailySummary(), summaryInterval);   // a manual summary re-arms too: fine for a sample
    }

    @HandleCall
    Report report(GetReport request) {
        return new Report(nonEmptyCarts.size(), List.copyOf(abandoned), lastSummary);
    }
}
