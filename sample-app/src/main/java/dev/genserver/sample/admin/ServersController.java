package dev.genserver.sample.admin;

import dev.genserver.process.ExitReason;
import dev.genserver.process.ServerInfo;
import dev.genserver.process.ServerRef;
import dev.genserver.spring.GenServers;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Use case 14: every live server with its restart count, and a crash button for each. The button
 * sends the server an exit signal with an abnormal reason, exactly what a linked process that
 * crashed would send; its supervisor restarts it with a fresh instance and counts the restart.
 */
@RestController
class ServersController {

    private final GenServers genServers;

    ServersController(GenServers genServers) {
        this.genServers = genServers;
    }

    @GetMapping("/servers")
    List<Map<String, Object>> servers() {
        return genServers.servers().stream().map(ServersController::describe).toList();
    }

    @GetMapping("/servers/{name}")
    ResponseEntity<Object> server(@PathVariable String name) {
        Optional<ServerRef> ref = genServers.whereis(name);
        return ref.<ResponseEntity<Object>>map(r -> ResponseEntity.ok(describe(r)))
                .orElseGet(() -> ResponseEntity.status(404).body(Map.of("error", "no server " + name)));
    }

    @PostMapping("/servers/{name}/crash")
    ResponseEntity<Object> crash(@PathVariable String name) {
        Optional<ServerRef> ref = genServers.whereis(name);
        if (ref.isEmpty()) {
            return ResponseEntity.status(404).body(Map.of("error", "no server " + name));
        }
        long restarts = ref.get().info().restarts();
        genServers.runtime().exit(ref.get(), ExitReason.error("crash button pressed"));
        return ResponseEntity.accepted().body(Map.of("server", name, "restartsBefore", restarts));
    }

    private static Map<String, Object> describe(ServerRef ref) {
        ServerInfo info = ref.info();
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("name", ref.name().orElse(ref.displayName()));
        map.put("status", String.valueOf(info.status()));
        map.put("restarts", info.restarts());
        map.put("messagesHandled", info.messagesHandled());
        map.put("mailboxLength", info.mailboxLength());
        map.put("uptime", String.valueOf(info.uptime()));
        return map;
    }
}
