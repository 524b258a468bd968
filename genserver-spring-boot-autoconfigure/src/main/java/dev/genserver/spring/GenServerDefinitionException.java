package dev.genserver.spring;

import java.util.List;
import org.springframework.beans.FatalBeanException;

/**
 * One or more {@link dev.genserver.spring.annotation.GenServer} classes are invalid: a handler is
 * ambiguous, missing or has a signature that cannot work, or an attribute cannot be read. Thrown
 * while the application context starts, before any server runs; each problem names the class,
 * the method and the fix.
 */
public class GenServerDefinitionException extends FatalBeanException {

    private static final long serialVersionUID = 1L;

    /** One line per problem. */
    private final List<String> problems;

    /**
     * Creates the exception.
     *
     * @param problems one line per problem
     */
    public GenServerDefinitionException(List<String> problems) {
        super("invalid @GenServer definitions:\n - " + String.join("\n - ", problems));
        this.problems = List.copyOf(problems);
    }

    /**
     * Returns the problems.
     *
     * @return one line per problem
     */
    public List<String> problems() {
        return problems;
    }
}
