package dev.genserver.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.genserver.spring.autoconfigure.GenServerAutoConfiguration;
import dev.genserver.spring.autoconfigure.GenServerKeyedAutoConfiguration;
import dev.genserver.spring.autoconfigure.GenServerRuntimeAutoConfiguration;
import dev.genserver.spring.bad.BadServers;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** A bad handler fails the startup with the class, the method and the fix; never at the first message. */
class HandlerValidationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(GenServerRuntimeAutoConfiguration.class,
                    GenServerAutoConfiguration.class, GenServerKeyedAutoConfiguration.class));

    private String failure(Class<?> server) {
        String[] message = new String[1];
        runner.withUserConfiguration(server).run(ctx -> {
            assertThat(ctx).hasFailed();
            assertThat(ctx.getStartupFailure()).isInstanceOf(GenServerDefinitionException.class);
            message[0] = ctx.getStartupFailure().getMessage();
        });
        return message[0];
    }

    @Test
    void twoHandlersForOneTypeAreAmbiguous() {
        assertThat(failure(BadServers.Ambiguous.class)).contains("ambiguous call handlers")
                .contains("BadServers$Ambiguous.first(Ping)").contains("BadServers$Ambiguous.second(Ping)")
                .contains("keep one @HandleCall method per message type");
    }

    @Test
    void aSealedSubtypeMatchingTwoHandlersIsAmbiguous() {
        assertThat(failure(BadServers.AmbiguousSealed.class)).contains("ambiguous cast handlers for")
                .contains("BadServers$Circle").contains("add a handler for Circle");
    }

    @Test
    void aHandlerWithoutMessageParameter() {
        assertThat(failure(BadServers.MissingMessage.class)).contains("BadServers$MissingMessage.get()")
                .contains("has no message parameter").contains("@HandleCall(Ping.class)");
    }

    @Test
    void aCastHandlerReturningAValue() {
        assertThat(failure(BadServers.CastReturnsValue.class)).contains("CastReturnsValue.ping(Ping) (@HandleCast)")
                .contains("declare it void");
    }

    @Test
    void aDeferredReplyHandlerReturningAValue() {
        assertThat(failure(BadServers.ReplyToAndReturn.class)).contains("ReplyToAndReturn.ping(Ping, ReplyTo)")
                .contains("reply through the ReplyTo and declare it void");
    }

    @Test
    void anInitHookTakingAMessage() {
        assertThat(failure(BadServers.BadInit.class)).contains("BadInit.init(Ping) (@OnInit)")
                .contains("it may only have GenServerContext and @ServerKey parameters");
    }

    @Test
    void aCastDeclaringACheckedException() {
        assertThat(failure(BadServers.CheckedCast.class)).contains("Checked.store(String)")
                .contains("mark the method @Call or remove the throws clause")
                .contains("Checked.size()").contains("remove @Call");
    }

    @Test
    void aNamedClientInterfaceWithAMissingMethod() {
        assertThat(failure(BadServers.NamedMissing.class)).contains("Named.reset()").contains("has no implementation")
                .contains("add public void reset(...)");
    }

    @Test
    void aServerThatHandlesNothing() {
        assertThat(failure(BadServers.Nothing.class)).contains("handles nothing");
    }

    @Test
    void aBadDuration() {
        assertThat(failure(BadServers.BadTimeout.class)).contains("callTimeout \"soon\" is not a duration");
    }

    @Test
    void allProblemsAreReportedAtOnce() {
        runner.withUserConfiguration(BadServers.Ambiguous.class, BadServers.MissingMessage.class).run(ctx -> {
            GenServerDefinitionException e = (GenServerDefinitionException) ctx.getStartupFailure();
            assertThat(e.problems()).hasSize(2);
        });
    }
}
