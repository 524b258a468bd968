/**
 * The {@code cluster} profile: a cart per user, one rate limit and one job queue shared by every
 * instance, on {@code genserver-cluster} (README "Clustering", sample-app README "Cluster").
 */
@NullMarked
package dev.genserver.sample.cluster;

import org.jspecify.annotations.NullMarked;
