package dev.genserver.sample.pageviews;

import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** REST for use case 1. */
@RestController
class PageViewController {

    private final PageViewsApi pageViews;

    PageViewController(PageViewsApi pageViews) {
        this.pageViews = pageViews;
    }

    @PostMapping("/pageviews/{page}")
    @ResponseStatus(HttpStatus.ACCEPTED)
    void hit(@PathVariable String page) {
        pageViews.hit(page);
    }

    @GetMapping("/pageviews/{page}")
    Map<String, Object> views(@PathVariable String page) {
        return Map.of("page", page, "views", pageViews.views(page));
    }

    @GetMapping("/pageviews")
    Map<String, Long> all() {
        return pageViews.all();
    }
}
