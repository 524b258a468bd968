package dev.genserver.benchmarks.support;

import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The pause of the W10 "sparse call" rows: a benchmark method that takes this state as a parameter
 * is preceded by {@code Thread.sleep(1)} on the calling thread before every invocation, so that the
 * caller and the server have both gone idle (parked, their carriers or threads asleep) when the call
 * is made. JMH runs {@code Level.Invocation} helpers outside the timed region, so with
 * {@code Mode.SampleTime} each sample is one call alone: the report quotes the median ("W10 sparse")
 * and the 99th percentile ("W10 sparseP99"). The Elixir anchor does the same with
 * {@code Process.sleep(1)} between calls.
 *
 * <p>JMH documents {@code Level.Invocation} as meant for invocations of a millisecond or more,
 * where its own bookkeeping is negligible: here the pause is that millisecond.
 */
@State(Scope.Thread)
public class Sparse {

    /** The pause before each call, in milliseconds. */
    public static final long PAUSE_MILLIS = 1;

    /** A pause state for one caller thread. */
    public Sparse() {
    }

    /**
     * Sleeps {@value #PAUSE_MILLIS} ms before the next call.
     *
     * @throws InterruptedException if interrupted while sleeping
     */
    @Setup(Level.Invocation)
    public void pause() throws InterruptedException {
        Thread.sleep(PAUSE_MILLIS);
    }
}
