package dev.genserver.sample.dashboard;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The open server-sent-event streams of the counters page. They belong to the web layer, not to
 * the {@code dashboard} server: when that server crashes, its restarted instance pushes to the
 * same streams and no page freezes. When the application closes, every stream is completed first
 * (the context-closed event comes before the web server's graceful shutdown), so an open page
 * never keeps a shutdown waiting; the browser's {@code EventSource} reconnects to the next run.
 */
@Component
public class CounterStreams implements ApplicationListener<ContextClosedEvent> {

    private final List<SseEmitter> emitters = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    /**
     * Opens a stream.
     *
     * @return the stream, already completed when the application is closing
     */
    public SseEmitter open() {
        SseEmitter emitter = new SseEmitter(0L);   // no timeout: completed when the client goes or the app closes
        if (closed) {
            emitter.complete();
            return emitter;
        }
        emitters.add(emitter);
        emitter.onCompletion(() -> emitters.remove(emitter));
        emitter.onError(e -> emitters.remove(emitter));
        return emitter;
    }

    /**
     * Sends the counters to every stream; a stream whose client went away is dropped.
     *
     * @param counters the counters
     */
    public void push(Map<String, Object> counters) {
        for (SseEmitter emitter : emitters) {
            send(emitter, counters);
        }
    }

    /**
     * Sends the counters to one stream.
     *
     * @param emitter the stream
     * @param counters the counters
     */
    public void send(SseEmitter emitter, Map<String, Object> counters) {
        try {
            emitter.send(SseEmitter.event().name("counters").data(counters));
        } catch (IOException | IllegalStateException gone) {
            emitters.remove(emitter);
        }
    }

    /**
     * Returns how many streams are open.
     *
     * @return the count
     */
    public int size() {
        return emitters.size();
    }

    @Override
    public void onApplicationEvent(ContextClosedEvent event) {
        closed = true;
        for (SseEmitter emitter : emitters) {
            emitter.complete();
        }
        emitters.clear();
    }
}
