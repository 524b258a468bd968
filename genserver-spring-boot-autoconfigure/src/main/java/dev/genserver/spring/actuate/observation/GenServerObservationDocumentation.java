package dev.genserver.spring.actuate.observation;

import io.micrometer.common.docs.KeyName;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;
import io.micrometer.observation.docs.ObservationDocumentation;

/** The Observations of GenServer for Spring Boot, with their key names. */
public enum GenServerObservationDocumentation implements ObservationDocumentation {

    /**
     * A call, cast or info message handled by a server, as a child of the Observation that was
     * current when the message was sent. Its timer is {@code genserver.handler}, its long task
     * timer {@code genserver.handler.active}.
     */
    HANDLER {
        @Override
        public Class<? extends ObservationConvention<? extends Observation.Context>> getDefaultConvention() {
            return DefaultGenServerObservationConvention.class;
        }

        @Override
        public KeyName[] getLowCardinalityKeyNames() {
            return LowCardinalityKeyNames.values();
        }

        @Override
        public KeyName[] getHighCardinalityKeyNames() {
            return HighCardinalityKeyNames.values();
        }
    };

    /** Keys with one value per declared server and message kind: tags of the meters too. */
    public enum LowCardinalityKeyNames implements KeyName {

        /** The server's name, or for a keyed instance its keyed server's name (never the key). */
        SERVER {
            @Override
            public String asString() {
                return "server";
            }
        },

        /** What is handled: {@code call}, {@code cast} or {@code info}. */
        KIND {
            @Override
            public String asString() {
                return "kind";
            }
        }
    }

    /** Keys with a value per process or message type: on spans only. */
    public enum HighCardinalityKeyNames implements KeyName {

        /** The process's name, with the key of a keyed instance ({@code cart[ann]}). */
        INSTANCE {
            @Override
            public String asString() {
                return "genserver.instance";
            }
        },

        /** The message's type ({@code CartApi.add(long, int)}). */
        MESSAGE {
            @Override
            public String asString() {
                return "genserver.message";
            }
        }
    }
}
