package dev.genserver.supervisor;

import java.time.Duration;
import java.util.ArrayDeque;

/** OTP's restart intensity: the times of the restarts within the period. Supervisor-thread only. */
final class Intensity {

    private final int maxRestarts;
    private final long periodNanos;
    private final ArrayDeque<Long> restarts = new ArrayDeque<>();

    Intensity(int maxRestarts, Duration period) {
        this.maxRestarts = maxRestarts;
        this.periodNanos = saturatedNanos(period);
    }

    /**
     * Records a restart at {@code now}.
     *
     * @return true when it is tolerated; false when it exceeds the intensity
     */
    boolean add(long now) {
        while (!restarts.isEmpty() && now - restarts.peekFirst() > periodNanos) {
            restarts.pollFirst();
        }
        restarts.addLast(now);
        return restarts.size() <= maxRestarts;
    }

    String describe() {
        return maxRestarts + " restarts within " + Duration.ofNanos(periodNanos).toMillis() + " ms";
    }

    static long saturatedNanos(Duration d) {
        try {
            return d.toNanos();
        } catch (ArithmeticException overflow) {
            return Long.MAX_VALUE / 2;
        }
    }
}
