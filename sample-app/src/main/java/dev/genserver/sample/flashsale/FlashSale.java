package dev.genserver.sample.flashsale;

import dev.genserver.process.OverflowPolicy;
import dev.genserver.spring.annotation.GenServer;
import org.springframework.beans.factory.annotation.Value;

/**
 * Use case 4: concurrent buyers never oversell, because every purchase is one message handled
 * after the previous one. The mailbox is bounded: in a stampede, buyers beyond 1,000 waiting are
 * turned away at once ({@code MailboxFullException}, HTTP 503) instead of piling up.
 */
@GenServer(value = "flashSale", mailboxCapacity = 1000, overflow = OverflowPolicy.REJECT, callTimeout = "3s")
public class FlashSale implements FlashSaleApi {

    private final String product;
    private int stock;
    private int sold;

    FlashSale(@Value("${shop.flash-sale.product}") String product, @Value("${shop.flash-sale.stock}") int stock) {
        this.product = product;
        this.stock = stock;
    }

    @Override
    public Purchase buy(String buyer) throws SoldOutException {
        if (stock == 0) {
            throw new SoldOutException(product);    // declared: back to the caller, server keeps running
        }
        stock--;
        sold++;
        return new Purchase(product, buyer, sold, stock);
    }

    @Override
    public Sale sale() {
        return new Sale(product, stock, sold);
    }

    @Override
    public Sale restart(int newStock) {
        stock = newStock;
        sold = 0;
        return sale();
    }
}
