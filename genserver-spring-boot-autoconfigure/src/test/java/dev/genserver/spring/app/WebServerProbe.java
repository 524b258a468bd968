package dev.genserver.spring.app;

import dev.genserver.spring.support.SupervisionTree;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * A lifecycle bean in the phase just above the servers': it stops after the web server and
 * before the servers, and records whether the web server has drained and stopped by then.
 */
@Component
public class WebServerProbe implements SmartLifecycle {

    private final Events events;
    private final ApplicationContext context;
    private volatile boolean running;

    WebServerProbe(Events events, ApplicationContext context) {
        this.events = events;
        this.context = context;
    }

    @Override
    public void start() {
        running = true;
        events.add("probe:start");
    }

    @Override
    public void stop() {
        String web = "none";
        if (context instanceof WebServerApplicationContext && context.containsBean("webServerStartStop")) {
            boolean drained = !context.getBean("webServerGracefulShutdown", SmartLifecycle.class).isRunning();
            boolean stopped = !context.getBean("webServerStartStop", SmartLifecycle.class).isRunning();
            web = (drained ? "drained" : "serving") + "-" + (stopped ? "stopped" : "running");
        }
        events.add("probe:stop:web-" + web);
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return SupervisionTree.PHASE + 1;
    }
}
