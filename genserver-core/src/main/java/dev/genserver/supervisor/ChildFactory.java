package dev.genserver.supervisor;

import dev.genserver.process.GenServer;
import java.util.List;

/**
 * Builds a fresh server instance for a child from its arguments: the child spec's own
 * {@link ChildSpec#args()}, preceded by the {@link DynamicSupervisorSpec#extraArguments()
 * extra arguments} of a dynamic supervisor. Called for the first start and for every restart.
 *
 * <pre>{@code
 * ChildSpec.worker("cart", args -> new CartServer((String) args.get(0)), "cart-42");
 * }</pre>
 */
@FunctionalInterface
public interface ChildFactory {

    /**
     * Creates the server instance.
     *
     * @param args the arguments, never null, read-only
     * @return a new instance, never one that already ran
     */
    GenServer<?> create(List<Object> args);
}
