/**
 * Typed client proxies: an invocation of a client interface method becomes a call, a cast or an
 * async call to the server, which answers it by invoking the same method on its instance, on its
 * own thread. See {@link dev.genserver.spring.proxy.ClientProxies}.
 */
package dev.genserver.spring.proxy;
