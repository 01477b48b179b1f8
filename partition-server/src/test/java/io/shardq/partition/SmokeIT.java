package io.shardq.partition;

import static org.assertj.core.api.Assertions.assertThat;

import io.shardq.partition.testing.PartitionServerExtension;
import io.shardq.partition.testing.ZaqarHttp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SmokeIT {

    @RegisterExtension
    static final PartitionServerExtension server = new PartitionServerExtension();

    @Test
    void postedMessageIsListedWithEcho() {
        ZaqarHttp client = server.client("smoke");
        assertThat(client.put("/v2/queues/q", null).status()).isEqualTo(201);
        ZaqarHttp.Response posted = client.post("/v2/queues/q/messages", "{\"messages\":[{\"body\":{\"n\":1}}]}");
        assertThat(posted.status()).isEqualTo(201);
        ZaqarHttp.Response listed = client.get("/v2/queues/q/messages?echo=true");
        assertThat(listed.json().at("/messages/0/body/n").asInt()).isEqualTo(1);
    }
}
