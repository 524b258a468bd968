package dev.genserver.spring.actuate.observation;

import dev.genserver.spring.actuate.MessageTypes;
import io.micrometer.common.KeyValues;

/**
 * The default convention: observation {@value #NAME} (so the handler timer is
 * {@code genserver.handler}), span name {@code "<server> <kind>"}; low-cardinality keys
 * {@code server} and {@code kind}; high-cardinality keys {@code genserver.instance} (the
 * process's name, with the key of a keyed instance) and {@code genserver.message} (the message's
 * type).
 */
public class DefaultGenServerObservationConvention implements GenServerObservationConvention {

    /** The observation's name. */
    public static final String NAME = "genserver.handler";

    /** Creates the convention. */
    public DefaultGenServerObservationConvention() {
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public String getContextualName(GenServerObservationContext context) {
        return context.getServerTag() + " " + context.getKind().tag();
    }

    @Override
    public KeyValues getLowCardinalityKeyValues(GenServerObservationContext context) {
        return KeyValues.of("server", context.getServerTag(), "kind", context.getKind().tag());
    }

    @Override
    public KeyValues getHighCardinalityKeyValues(GenServerObservationContext context) {
        return KeyValues.of("genserver.instance", context.getServer().displayName(), "genserver.message",
                MessageTypes.of(context.getMessage()));
    }
}
