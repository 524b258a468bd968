package dev.genserver.spring.autoconfigure;

import dev.genserver.spring.GenServerDefinitionException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Shows invalid {@code @GenServer} definitions in Spring Boot's startup failure report: one
 * line per problem, each naming the class, the method and the fix.
 */
final class GenServerDefinitionFailureAnalyzer extends AbstractFailureAnalyzer<GenServerDefinitionException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, GenServerDefinitionException cause) {
        String description = "Some @GenServer classes cannot run as servers:\n\n - "
                + String.join("\n - ", cause.problems());
        return new FailureAnalysis(description, "Fix each handler as described above; handlers are checked "
                + "when the application starts, so nothing fails later at the first message.", cause);
    }
}
