/**
 * How a {@code @GenServer} class is read, validated and run: {@link
 * dev.genserver.spring.handler.ServerIntrospector} reads the handlers once at startup (the most
 * specific message type wins; ambiguity is a startup error), {@link
 * dev.genserver.spring.handler.BeanGenServer} runs one fresh bean instance as a core
 * {@link dev.genserver.process.GenServer} whose state is the instance itself, and {@link
 * dev.genserver.spring.handler.GenServerContext} is what handlers can do besides changing fields.
 */
package dev.genserver.spring.handler;
