/**
 * The programming model: annotate a Spring bean {@link dev.genserver.spring.annotation.GenServer}
 * and it becomes a supervised process whose state is its fields.
 *
 * <pre>{@code
 * public interface CartApi {
 *     void add(Item item);                  // void: a cast, returns at once
 *     List<Item> items();                   // a value: a call, waits for the reply
 *     CompletableFuture<Total> total();     // a future: an async call
 * }
 *
 * @GenServer
 * class Cart implements CartApi {
 *     private final List<Item> items = new ArrayList<>();   // no lock: one message at a time
 *
 *     public void add(Item item) { items.add(item); }
 *     public List<Item> items() { return List.copyOf(items); }
 *     public CompletableFuture<Total> total() { return pricing.totalAsync(items); }
 *
 *     @HandleInfo void tick(Tick tick, GenServerContext ctx) { ... }   // message-style handlers too
 *     @OnTerminate void save(ExitReason reason) { ... }
 * }
 * }</pre>
 *
 * Inject {@code CartApi} anywhere (a typed proxy), or reach a server by name through
 * {@link dev.genserver.spring.GenServers}. Handlers are validated when the application
 * starts: a bad one fails the startup with the class, the method and the fix.
 */
package dev.genserver.spring.annotation;
