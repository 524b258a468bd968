package dev.genserver.spring.actuate;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A server a cluster places, as {@code /actuator/genservers} lists it beside the supervision tree:
 * where a singleton runs, how many instances of a sharded server run on this member. The
 * processes themselves are found by name ({@code /actuator/genservers/jobQueue},
 * {@code /actuator/genservers/cart/ann}) on the member that runs them.
 *
 * @param name the server's name
 * @param placement {@code singleton} or {@code sharded}
 * @param className the server's class, or null when unknown
 * @param member for a singleton, the id of the member that runs it (null while none does); for a
 *               sharded server, this member's id
 * @param instancesHere the instances that run on this member
 * @param process a singleton's process when it runs on this member (with its member), else null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PlacedServerDescriptor(String name, String placement, String className, String member,
                                     long instancesHere, WorkerDescriptor process) {
}
