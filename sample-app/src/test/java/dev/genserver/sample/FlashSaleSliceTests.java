package dev.genserver.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import dev.genserver.sample.flashsale.FlashSale;
import dev.genserver.sample.flashsale.FlashSaleApi;
import dev.genserver.sample.flashsale.FlashSaleApi.SoldOutException;
import dev.genserver.spring.test.GenServerTest;
import dev.genserver.spring.test.GenServerTester;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/** Use case 4 in a test slice: just the flash sale server, no web server, no database. */
@GenServerTest(value = FlashSale.class, properties = {"shop.flash-sale.product=lamp", "shop.flash-sale.stock=2"})
class FlashSaleSliceTests {

    @Autowired
    FlashSaleApi sale;

    @Autowired
    GenServerTester tester;

    @Autowired
    ApplicationContext context;

    @Test
    void sellsTheStockThenRefusesAndARestartStartsAfresh() throws Exception {
        assertThat(sale.buy("ann").remaining()).isEqualTo(1);
        assertThat(sale.buy("bob").remaining()).isZero();
        assertThatExceptionOfType(SoldOutException.class).isThrownBy(() -> sale.buy("cid"));
        assertThat(tester.state("flashSale", FlashSale.class).sale().sold()).isEqualTo(2);

        tester.crashAndAwaitRestart("flashSale");
        assertThat(sale.sale()).isEqualTo(new FlashSaleApi.Sale("lamp", 2, 0));
        assertThat(context.getBeanNamesForType(javax.sql.DataSource.class)).isEmpty();
    }
}
