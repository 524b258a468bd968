package dev.genserver.sample.pageviews;

import dev.genserver.spring.annotation.FormatStatus;
import dev.genserver.spring.annotation.GenServer;
import java.util.Map;
import java.util.TreeMap;

/**
 * Use case 1: many requests increment concurrently, the server applies the increments one at a
 * time in mailbox order. A plain {@code HashMap}-like map and no lock, yet no increment is lost.
 */
@GenServer("pageViews")
public class PageViews implements PageViewsApi {

    private final Map<String, Long> views = new TreeMap<>();

    @Override
    public void hit(String page) {
        views.merge(page, 1L, Long::sum);
    }

    @Override
    public long views(String page) {
        return views.getOrDefault(page, 0L);
    }

    @Override
    public Map<String, Long> all() {
        return Map.copyOf(views);
    }

    @FormatStatus
    Object status() {
        return Map.of("pages", views.size(), "total", views.values().stream().mapToLong(Long::longValue).sum());
    }
}
