package dev.genserver.sample.flashsale;

/** Use case 4: the stock keeper of one flash-sale product. */
public interface FlashSaleApi {

    /** A successful purchase. */
    record Purchase(String product, String buyer, int unitNumber, int remaining) {
    }

    /** The state of the sale. */
    record Sale(String product, int stock, int sold) {
    }

    /** Buys one unit (a call), or throws when none is left. */
    Purchase buy(String buyer) throws SoldOutException;

    /** Returns the sale's state (a call). */
    Sale sale();

    /** Starts a new sale with this stock (a call). */
    Sale restart(int stock);

    /** No unit left. */
    class SoldOutException extends Exception {
        private static final long serialVersionUID = 1L;

        /** Creates it. */
        public SoldOutException(String product) {
            super("sold out: " + product);
        }
    }
}
