package dev.genserver.spring.app;

/** The inventory's client interface. */
public interface InventoryApi {

    /** Adds stock (a cast). */
    void restock(String item, int quantity);

    /** Takes stock, or throws when there is not enough (a call). */
    int take(String item, int quantity) throws OutOfStockException;

    /** Returns the stock of an item (a call). */
    int stock(String item);

    /** Returns the price of an item, through the inventory's Prices dependency. */
    int price(String item);

    /** Returns the identity of the current instance and of its Prices dependency. */
    String identity();

    /** Crashes the server (a call). */
    int crash();

    /** Not enough stock. */
    class OutOfStockException extends Exception {
        private static final long serialVersionUID = 1L;

        /** Creates it. */
        public OutOfStockException(String item) {
            super("out of stock: " + item);
        }
    }
}
