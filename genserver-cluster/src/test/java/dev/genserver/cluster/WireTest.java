package dev.genserver.cluster;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The answer's fast check: only an answer that accepted its whole batch is settled on an engine's thread. */
class WireTest {

    @Test
    void anAnswerThatAcceptedEveryEnvelopeIsAllAccepted() {
        byte[] answer = Wire.answer(new byte[] {Wire.ACCEPTED, Wire.ACCEPTED},
                List.of(new Wire.Reply(7, Wire.OK, new byte[] {1}, "")));

        assertThat(Wire.allAccepted(answer)).isTrue();
        assertThat(Wire.answer(answer).replies()).hasSize(1);
    }

    @Test
    void aRefusalAnywhereInTheBatchIsNotAllAccepted() {
        assertThat(Wire.allAccepted(Wire.answer(new byte[] {Wire.ACCEPTED, Wire.NOT_OWNER}, List.of()))).isFalse();
        assertThat(Wire.allAccepted(Wire.answer(new byte[] {Wire.NO_SERVER}, List.of()))).isFalse();
    }

    @Test
    void whatCannotBeReadIsLeftToTheSlowPath() {
        byte[] otherVersion = Wire.answer(new byte[] {Wire.ACCEPTED}, List.of());
        otherVersion[0] = Wire.VERSION + 1;

        assertThat(Wire.allAccepted(null)).isFalse();
        assertThat(Wire.allAccepted(new byte[] {Wire.VERSION, 0, 0})).isFalse();
        assertThat(Wire.allAccepted(otherVersion)).isFalse();
    }
}
