package dev.genserver.dashboard.autoconfigure;

import dev.genserver.dashboard.ObserverEndpoint;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.boot.actuate.autoconfigure.web.ManagementContextConfiguration;
import org.springframework.boot.actuate.autoconfigure.web.ManagementContextType;
import org.springframework.boot.actuate.autoconfigure.endpoint.web.WebEndpointProperties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;

/**
 * The security headers of the dashboard's responses on a servlet web server, in the context that
 * serves the Actuator (the application's, or the management port's): a content security policy
 * that lets the page run only its own script and reach only its own origin, no framing, no
 * content sniffing, no referrer. The page also carries the policy in a {@code meta} element, for
 * other servers.
 */
@ManagementContextConfiguration(value = ManagementContextType.ANY, proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(Filter.class)
@ConditionalOnBean(ObserverEndpoint.class)
public class GenServerDashboardHeadersConfiguration {

    /** Creates the configuration. */
    public GenServerDashboardHeadersConfiguration() {
    }

    @Bean
    FilterRegistrationBean<Filter> genServerObserverHeaders(WebEndpointProperties properties) {
        // From the properties, not from the endpoints: filters are built while the web server
        // starts, before the endpoints should be.
        String mapped = properties.getPathMapping().getOrDefault(ObserverEndpoint.ID, ObserverEndpoint.ID);
        String path = (properties.getBasePath() + "/" + mapped).replaceAll("/+", "/");
        FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(new HeadersFilter());
        registration.setName("genServerObserverHeaders");
        registration.addUrlPatterns(path, path + "/*");
        return registration;
    }

    private static final class HeadersFilter implements Filter {

        @Override
        public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
                throws IOException, ServletException {
            if (response instanceof HttpServletResponse http) {
                http.setHeader("Content-Security-Policy", ObserverEndpoint.CONTENT_SECURITY_POLICY);
                http.setHeader("X-Content-Type-Options", "nosniff");
                http.setHeader("X-Frame-Options", "DENY");
                http.setHeader("Referrer-Policy", "no-referrer");
                http.setHeader("Cache-Control", "no-store");
            }
            chain.doFilter(request, response);
        }
    }
}
