package dev.genserver.sample.pageviews;

import java.util.Map;

/** Use case 1: a page-view counter. */
public interface PageViewsApi {

    /** Counts one view of a page (a cast: returns at once). */
    void hit(String page);

    /** Returns the views of one page (a call). */
    long views(String page);

    /** Returns every page's views (a call). */
    Map<String, Long> all();
}
