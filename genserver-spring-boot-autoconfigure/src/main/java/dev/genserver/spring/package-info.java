/**
 * GenServer for Spring Boot, the API an application uses: {@link dev.genserver.spring.GenServers}
 * (servers by name, calls, casts, the supervision tree), {@link dev.genserver.spring.GenServerContext}
 * (what a handler can do besides changing fields), {@link dev.genserver.spring.KeyedServers} (one
 * server per key), the exceptions a caller or a startup can see, and the annotations in
 * {@code dev.genserver.spring.annotation}. Types marked {@link dev.genserver.spring.InternalApi} are not API.
 */
package dev.genserver.spring;
