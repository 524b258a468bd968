package dev.genserver.spring.autoconfigure;

import dev.genserver.spring.autoconfigure.GenServerProperties.GiveUpAction;
import dev.genserver.spring.support.SupervisionTree.GiveUp;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.BeansException;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationContextAware;

/**
 * What the application does when the root supervisor gives up ({@code genserver.on-give-up}):
 * OTP stops a permanent application, and with it the node, so that whatever supervises the node
 * starts it again. With {@code shutdown} (the default) this closes the application context (the
 * web server stops taking traffic, every bean is destroyed) and exits the JVM with
 * {@link #EXIT_CODE}, on a thread of its own; with {@code keep-running} it only says so in the log.
 */
final class GiveUpPolicy implements Consumer<GiveUp>, ApplicationContextAware {

    /** The JVM's exit status after a give-up. */
    static final int EXIT_CODE = 1;

    private static final Logger log = LoggerFactory.getLogger(GiveUpPolicy.class);

    private final GiveUpAction action;
    private ApplicationContext context;
    private volatile IntConsumer exit = System::exit;

    GiveUpPolicy(GiveUpAction action) {
        this.action = action;
    }

    @Override
    public void setApplicationContext(ApplicationContext context) throws BeansException {
        this.context = context;
    }

    /** Replaces {@link System#exit}, so that tests can see the status without ending the JVM. */
    void exitWith(IntConsumer exit) {
        this.exit = exit;
    }

    @Override
    public void accept(GiveUp giveUp) {
        if (action == GiveUpAction.KEEP_RUNNING) {
            log.error("genserver.on-give-up=keep-running: the application keeps running without its GenServers; "
                    + "their calls fail, their casts are dead letters, and the genservers health is DOWN");
            return;
        }
        log.error("genserver.on-give-up=shutdown: closing the application and exiting with status {} so that "
                + "the platform starts it again (set genserver.on-give-up=keep-running to keep it up)", EXIT_CODE);
        Thread.ofPlatform().name("genserver-give-up").start(() -> {
            int status = EXIT_CODE;
            try {
                status = SpringApplication.exit(context, () -> EXIT_CODE);
            } catch (RuntimeException | Error closeFailed) {
                log.error("genserver.on-give-up=shutdown: closing the application failed; exiting with status {} anyway",
                        EXIT_CODE, closeFailed);
            } finally {
                exit.accept(status == 0 ? EXIT_CODE : status);
            }
        });
    }
}
