package dev.genserver.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.genserver.process.CallFailedException;
import dev.genserver.process.ServerRef;
import dev.genserver.spring.app.Audit;
import dev.genserver.spring.app.CartApi;
import dev.genserver.spring.app.Events;
import dev.genserver.spring.app.InventoryApi;
import dev.genserver.spring.app.OrdersApi;
import dev.genserver.spring.app.ShopApplication;
import dev.genserver.spring.support.BeanGenServer;
import dev.genserver.spring.support.KeyedServerManager;
import dev.genserver.spring.support.SupervisionTree;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;

@SpringBootTest(classes = ShopApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "shop.cart.idle-timeout=2s")
class ShopApplicationTests {

    @LocalServerPort
    int port;

    @Autowired
    OrdersApi orders;

    @Autowired
    InventoryApi inventory;

    @Autowired
    KeyedServers<CartApi> carts;

    @Autowired
    GenServers genServers;

    @Autowired
    Events events;

    @Autowired
    ConfigurableApplicationContext context;

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> request(String method, String path) throws Exception {
        HttpRequest req = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .method(method, HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(10)).build();
        return http.send(req, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void controllerTalksToServersThroughInjectedProxies() throws Exception {
        HttpResponse<String> placed = request("POST", "/orders?item=book&quantity=2");
        assertThat(placed.statusCode()).isEqualTo(200);
        assertThat(request("GET", "/orders").body()).contains("2 x book");
        HttpResponse<String> tooMany = request("POST", "/orders?item=book&quantity=1000");
        assertThat(tooMany.statusCode()).isEqualTo(409);
        assertThat(tooMany.body()).contains("out of stock: book");
    }

    @Test
    void onlyProxiesAreInjectionCandidates() {
        assertThat(Proxy.isProxyClass(orders.getClass())).isTrue();
        assertThat(Proxy.isProxyClass(inventory.getClass())).isTrue();
        assertThat(context.getBeanFactory().getBeanDefinition("inventory").isAutowireCandidate()).isFalse();
        assertThat(context.getBeanFactory().getBeanDefinition("inventory").isPrototype()).isTrue();
        assertThat(context.getBeanProvider(InventoryApi.class).getIfUnique()).isSameAs(inventory);
    }

    @Test
    void serversCallOtherServersThroughProxiesAndDeclaredExceptionsReachTheCaller() throws Exception {
        int before = orders.orders().size();
        inventory.restock("pen", 5);
        orders.place("pen", 3);
        assertThat(orders.orders()).hasSize(before + 1);
        assertThat(inventory.stock("pen")).isEqualTo(2);
        assertThat(orders.total().get()).isPositive();
        assertThatThrownBy(() -> orders.place("pen", 10)).isInstanceOf(InventoryApi.OutOfStockException.class)
                .hasMessageContaining("out of stock: pen");
        assertThat(genServers.whereis("orders")).isPresent();
    }

    @Test
    void messageStyleServerByName() {
        genServers.cast("audit", new Audit.Record("hello"));
        List<String> lines = genServers.call("audit", new Audit.Lines());
        assertThat(lines).contains("hello");
        assertThat((Integer) genServers.call("audit", new Audit.OrderCount())).isGreaterThanOrEqualTo(0);
        await().atMost(Duration.ofSeconds(10)).until(() -> ((Audit) genServers.ref("audit").getState()).ticks() == 1);
        @SuppressWarnings("unchecked")
        Map<String, Object> shown = (Map<String, Object>) genServers.ref("audit").getFormattedState().orElseThrow();
        assertThat(shown).containsEntry("secret", "******").containsKey("lines").doesNotContainKey("orders");
    }

    @Test
    void restartGivesAFreshInstanceWithFreshlyInjectedDependencies() {
        inventory.restock("lamp", 4);
        String before = inventory.identity();
        ServerRef ref = genServers.ref("inventory");
        long restarts = ref.info().restarts();
        assertThatThrownBy(inventory::crash).isInstanceOf(CallFailedException.class)
                .hasMessageContaining("InventoryApi.crash()");
        await().atMost(Duration.ofSeconds(10)).until(() -> genServers.ref("inventory").info().restarts() > restarts);
        String after = inventory.identity();
        assertThat(after).isNotEqualTo(before);
        assertThat(after.split("/")[0]).isNotEqualTo(before.split("/")[0]);
        assertThat(after.split("/")[1]).isNotEqualTo(before.split("/")[1]);
        assertThat(inventory.stock("lamp")).isZero(); // fresh state
        // rest_for_one: orders, started after inventory in "fulfilment", was restarted too
        await().atMost(Duration.ofSeconds(10)).until(() -> genServers.ref("orders").info().restarts() >= 1);
        assertThat(orders.orders()).isNotNull();
    }

    @Test
    void keyedServersStartOnDemandAndArePassivatedWhenIdle() throws Exception {
        assertThat(request("POST", "/carts/ann?item=book").statusCode()).isEqualTo(200);
        assertThat(request("GET", "/carts/ann").body()).contains("book");
        CartApi ann = carts.get("ann");
        String first = ann.identity();
        assertThat(first).startsWith("ann#");
        assertThat(carts.whereis("ann")).isPresent();
        assertThat(context.getBean(KeyedServerManager.class).registry("cart").whereis("ann"))
                .isEqualTo(carts.whereis("ann"));
        assertThat(carts.get("bob").items()).isEmpty();
        assertThat(carts.running()).extracting(r -> r.name().orElseThrow())
                .contains("cart[ann]", "cart[bob]");
        // idle for 2 s (long enough that a loaded machine does not passivate ann between the POST and the GET): passivated with terminate
        await().atMost(Duration.ofSeconds(10)).until(() ->
                events.all().contains("terminate:cart:ann:" + BeanGenServer.PASSIVATED));
        await().atMost(Duration.ofSeconds(10)).until(() -> carts.whereis("ann").isEmpty());
        // the next message starts a fresh instance
        assertThat(ann.items()).isEmpty();
        assertThat(ann.identity()).isNotEqualTo(first).startsWith("ann#");
    }

    @Test
    void treeShowsSupervisorsAndServersInStartOrder() {
        GenServers.TreeNode root = genServers.tree().orElseThrow();
        assertThat(root.name()).isEqualTo("root");
        List<String> names = root.children().stream().map(GenServers.TreeNode::name).toList();
        // "fulfilment" (inventory, orders) before audit, which depends on orders; keyed last
        assertThat(names).containsExactly("fulfilment", "audit", "keyed.cart");
        GenServers.TreeNode fulfilment = root.children().getFirst();
        assertThat(fulfilment.children()).extracting(GenServers.TreeNode::name)
                .containsExactly("inventory", "orders");
    }
}
