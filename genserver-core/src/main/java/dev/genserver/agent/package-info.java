/**
 * {@link dev.genserver.agent.Agent}: a value held by a process (Elixir's {@code Agent}), for
 * state that needs no protocol of its own. Contract §15.5.
 */
@NullMarked
package dev.genserver.agent;

import org.jspecify.annotations.NullMarked;
