package dev.genserver.spring.app;

import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.context.annotation.Scope;
import org.springframework.stereotype.Component;

/** A dependency of the inventory; a prototype, so each server instance gets its own. */
@Component
@Scope(ConfigurableBeanFactory.SCOPE_PROTOTYPE)
public class Prices {

    private static final AtomicInteger INSTANCES = new AtomicInteger();

    private final int instance = INSTANCES.incrementAndGet();

    /** Returns the price of an item in cents. */
    public int price(String item) {
        return item.length() * 100;
    }

    /** Returns which instance this is. */
    public int instance() {
        return instance;
    }
}
