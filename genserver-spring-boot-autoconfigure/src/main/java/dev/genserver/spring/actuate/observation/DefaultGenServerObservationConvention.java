package dev.genserver.spring.actuate.observation;

import dev.genserver.spring.actuate.MessageTypes;
import dev.genserver.spring.actuate.observation.GenServerObservationDocumentation.HighCardinalityKeyNames;
import dev.genserver.spring.actuate.observation.GenServerObservationDocumentation.LowCardinalityKeyNames;
import io.micrometer.common.KeyValues;

/**
 * The default convention: observation {@value #NAME} (so the handler timer is
 * {@code genserver.handler}), span name {@code "<server> <kind>"}, and the keys of
 * {@link GenServerObservationDocumentation#HANDLER}: low-cardinality {@code server} and
 * {@code kind}; high-cardinality {@code genserver.instance} (the process's name, with the key of
 * a keyed instance) and {@code genserver.message} (the message's type).
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
        return KeyValues.of(LowCardinalityKeyNames.SERVER.withValue(context.getServerTag()),
                LowCardinalityKeyNames.KIND.withValue(context.getKind().tag()));
    }

    @Override
    public KeyValues getHighCardinalityKeyValues(GenServerObservationContext context) {
        return KeyValues.of(HighCardinalityKeyNames.INSTANCE.withValue(context.getServer().displayName()),
                HighCardinalityKeyNames.MESSAGE.withValue(MessageTypes.of(context.getMessage())));
    }
}
