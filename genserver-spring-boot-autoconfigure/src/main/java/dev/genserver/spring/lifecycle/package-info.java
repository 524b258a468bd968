/**
 * The supervision tree and its lifecycle: {@link dev.genserver.spring.lifecycle.SupervisionTree}
 * starts every server before the web server takes traffic and stops them after it has drained,
 * in reverse start order, running terminate, within the shutdown phase timeout.
 */
package dev.genserver.spring.lifecycle;
