package dev.genserver.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.genserver.spring.GenServerDefinitionException;
import java.util.List;
import org.junit.jupiter.api.Test;

class GenServerDefinitionFailureAnalyzerTests {

    @Test
    void theFailureAnalyzerListsEveryProblem() {
        var analysis = new GenServerDefinitionFailureAnalyzer().analyze(
                new GenServerDefinitionException(List.of("a: fix it", "b")));
        assertThat(analysis.getDescription()).contains(" - a: fix it", " - b");
    }
}
