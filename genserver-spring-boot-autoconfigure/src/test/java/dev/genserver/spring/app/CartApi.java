package dev.genserver.spring.app;

import java.util.List;

/** A shopping cart per user. */
public interface CartApi {

    /** Adds an item (a cast). */
    void add(String item);

    /** Returns the items (a call). */
    List<String> items();

    /** Returns the cart's key and instance number (a call). */
    String identity();
}
