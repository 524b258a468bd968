package dev.genserver.spring.autoconfigure;

import dev.genserver.supervisor.SupervisorSpec;

/**
 * Customizes the spec of each supervisor of the tree (the root and every supervisor declared with
 * {@code @Supervisor} or {@code genserver.supervisors.<name>}), as built from the annotations and
 * properties, with its children in start order. Declare beans of this type; they are applied in
 * {@link org.springframework.core.annotation.Order @Order} order, each to the spec the previous
 * one returned, when the application context creates the tree:
 *
 * <pre>{@code
 * @Bean
 * SupervisorSpecCustomizer gentlePayments() {
 *     return (supervisor, spec) -> supervisor.equals("payments")
 *             ? spec.withBackoff(Backoff.exponential(Duration.ofMillis(200), Duration.ofSeconds(10)))
 *             : spec;
 * }
 * }</pre>
 *
 * The dynamic supervisors of keyed servers are not customized here; they follow
 * {@code genserver.keyed.<name>.*} and the root's intensity.
 */
@FunctionalInterface
public interface SupervisorSpecCustomizer {

    /**
     * Customizes the spec of one supervisor.
     *
     * @param supervisorName the supervisor's name ({@code root} for the root)
     * @param spec the spec so far
     * @return the spec to use, never null
     */
    SupervisorSpec customize(String supervisorName, SupervisorSpec spec);
}
