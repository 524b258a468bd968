package dev.genserver.sample.ratelimit;

import dev.genserver.spring.GenServers;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Use case 7: the HTTP layer consults the rate limiter for every request that carries an
 * {@code X-API-Key} header (requests without one are anonymous and not limited in this sample).
 */
@Configuration
class RateLimitInterceptor implements HandlerInterceptor, WebMvcConfigurer {

    static final String HEADER = "X-API-Key";

    private final GenServers genServers;

    RateLimitInterceptor(GenServers genServers) {
        this.genServers = genServers;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this).excludePathPatterns("/actuator/**", "/stub/**");
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
            throws Exception {
        String key = request.getHeader(HEADER);
        if (key == null || key.isBlank()) {
            return true;
        }
        RateLimiter.Decision decision = genServers.call("rateLimiter", new RateLimiter.Acquire(key));
        response.setHeader("X-RateLimit-Remaining", String.valueOf(decision.remaining()));
        if (!decision.allowed()) {
            response.setStatus(429);
            response.setContentType("application/json");
            response.getWriter().write("{\"error\":\"rate limit exceeded for " + key.replace("\"", "") + "\"}");
            return false;
        }
        return true;
    }
}
