package dev.genserver.process;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.LockSupport;

/**
 * A call in a mailbox, and the slot its caller waits on. Completes exactly once: with a reply,
 * with a failure, or abandoned by a caller that gave up. Whatever comes second is ignored.
 */
final class CallEnvelope extends Envelope implements ReplyTo {

    private static final int PENDING = 0;
    private static final int COMPLETING = 1;
    private static final int REPLIED = 2;
    private static final int FAILED = 3;
    private static final int ABANDONED = 4;

    /** Busy-wait iterations before a waiting caller parks: a fast reply costs no context switch. */
    private static final int SPINS = 256;
    /**
     * Of those, the last ones yield the core instead of spinning on it: when callers outnumber
     * cores, a spinning caller takes the core the server needs to answer it.
     */
    private static final int YIELDS = 8;

    private static final VarHandle STATE;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(CallEnvelope.class, "state", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    final ProcessCell target;
    private volatile int state;
    private Object outcome;
    private final Thread waiter;
    /** Set by a waiter about to park: only then must completing the call unpark it. */
    private volatile boolean parked;
    private final CompletableFuture<Object> future;
    /** The server instance that holds this call as a deferred reply, if any. */
    volatile Incarnation deferredBy;

    final Duration timeout;

    CallEnvelope(ProcessCell target, Object request, boolean async, Duration timeout) {
        super(request);
        this.target = target;
        this.timeout = timeout;
        this.waiter = async ? null : Thread.currentThread();
        this.future = async ? new CompletableFuture<>() : null;
    }

    @Override
    String kind() {
        return "call";
    }

    CompletableFuture<Object> future() {
        return future;
    }

    @Override
    public boolean reply(Object value) {
        return complete(REPLIED, value);
    }

    @Override
    public boolean fail(Throwable error) {
        return failWith(error instanceof GenServerException g ? g
                : new CallFailedException(target.displayName(), GenServerException.typeOf(message), error));
    }

    /** Fails the call with exactly this exception. */
    boolean failWith(GenServerException error) {
        return complete(FAILED, error.forCall(timeout));
    }

    @Override
    public boolean isPending() {
        return state == PENDING;
    }

    /** Gives up on the call; false if it was completed first. */
    boolean abandon() {
        if (!STATE.compareAndSet(this, PENDING, ABANDONED)) {
            return false;
        }
        HandlerInterceptor hi = target.runtime.interceptor();
        if (hi != null) {
            hi.callCompleted(target, message, interceptorToken(), HandlerInterceptor.CallOutcome.ABANDONED, null);
        }
        return true;
    }

    private boolean complete(int finalState, Object value) {
        if (!STATE.compareAndSet(this, PENDING, COMPLETING)) {
            return false;
        }
        outcome = value;
        HandlerInterceptor hi = target.runtime.interceptor();
        if (hi != null) {
            hi.callCompleted(target, message, interceptorToken(), finalState == REPLIED ? HandlerInterceptor.CallOutcome.REPLIED
                    : HandlerInterceptor.CallOutcome.FAILED, finalState == REPLIED ? null : (Throwable) value);
        }
        state = finalState;
        if (waiter != null) {
            if (parked) {
                LockSupport.unpark(waiter);
            }
        } else if (finalState == REPLIED) {
            future.complete(value);
        } else {
            future.completeExceptionally((Throwable) value);
        }
        Incarnation holder = deferredBy;
        if (holder != null) {
            holder.forgetDeferred(this);
        }
        return true;
    }

    /**
     * Waits for the outcome on the calling thread.
     *
     * @param timeout how long; {@link ServerRef#INFINITY} for ever
     * @param woke whether sending the call woke the server (launched or unparked its runner): a
     *        virtual-thread caller then yields at once instead of spinning, since the server's
     *        thread was just queued on the caller's own carrier and runs only when the caller
     *        lets go of it
     */
    Object await(Duration timeout, boolean woke) {
        boolean timed = timeout != ServerRef.INFINITY && timeout.compareTo(ServerRef.INFINITY) < 0;
        long deadline = timed ? System.nanoTime() + saturatedNanos(timeout) : 0L;
        int spins = woke && Thread.currentThread().isVirtual() ? YIELDS : SPINS;
        boolean interrupted = false;
        try {
            for (;;) {
                int s = state;
                if (s == REPLIED) {
                    return outcome;
                }
                if (s == FAILED) {
                    GenServerException e = (GenServerException) outcome;
                    // Show the caller's stack, not the server's internals; the cause keeps the handler's.
                    e.fillInStackTrace();
                    throw e;
                }
                if (s == COMPLETING || spins > YIELDS) {
                    spins--;
                    Thread.onSpinWait();
                    continue;
                }
                if (spins > 0) {
                    spins--;
                    Thread.yield();
                    continue;
                }
                if (!parked) {
                    // Publish, then look at the state once more before parking: a completion
                    // either sees this flag and unparks us, or is seen by that last look.
                    parked = true;
                    continue;
                }
                if (timed) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        if (abandon()) {
                            throw new CallTimeoutException(target.displayName(), GenServerException.typeOf(message),
                                    timeout);
                        }
                        continue;
                    }
                    LockSupport.parkNanos(this, left);
                } else {
                    LockSupport.park(this);
                }
                if (Thread.interrupted()) {
                    interrupted = true;
                    if (abandon()) {
                        throw new CallInterruptedException(target.displayName(), GenServerException.typeOf(message));
                    }
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    static long saturatedNanos(Duration d) {
        try {
            return d.toNanos();
        } catch (ArithmeticException overflow) {
            return Long.MAX_VALUE / 2;
        }
    }
}
