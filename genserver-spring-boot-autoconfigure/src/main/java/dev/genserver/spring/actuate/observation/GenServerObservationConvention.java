package dev.genserver.spring.actuate.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/** Names and tags the Observation around a handled message; define a bean to replace the default. */
public interface GenServerObservationConvention extends ObservationConvention<GenServerObservationContext> {

    @Override
    default boolean supportsContext(Observation.Context context) {
        return context instanceof GenServerObservationContext;
    }
}
