package dev.genserver.sample.sensors;

import dev.genserver.spring.GenServers;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** REST for use case 15: the poller's readings and connection state, and the device's plug. */
@RestController
class SensorController {

    private final GenServers servers;
    private final SimulatedDevice device;

    SensorController(GenServers servers, SimulatedDevice device) {
        this.servers = servers;
        this.device = device;
    }

    @GetMapping("/sensors")
    SensorPoller.View view() {
        return servers.call("sensorPoller", new SensorPoller.Status());
    }

    @PostMapping("/sensors/unplug")
    SensorPoller.View unplug() {
        device.plug(false);
        return view();
    }

    @PostMapping("/sensors/plug")
    SensorPoller.View plug() {
        device.plug(true);
        return view();
    }
}
