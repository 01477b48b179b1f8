package io.shardq.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class MessageDocumentTest {

    @Test
    void defaultBodyIsZaqarBenchsMessage() throws Exception {
        String body = MessageDocument.body(LoadConfig.DEFAULT_MESSAGE_SIZE);

        assertThat(body).hasSize(LoadConfig.DEFAULT_MESSAGE_SIZE);
        JsonNode post = new ObjectMapper().readTree(MessageDocument.post(60, LoadConfig.DEFAULT_MESSAGE_SIZE));
        assertThat(post.toString()).isEqualTo(
                "{\"messages\":[{\"ttl\":60,\"body\":{\"id\":\"7FA23C90-62F7-40D2-9360-FBD5D7D61CD1\",\"evt\":\"Single\"}}]}");
    }

    @ParameterizedTest
    @ValueSource(ints = {69, 70, 256, 1024, 65536})
    void paddedBodyHasExactlyTheAskedSize(int size) throws Exception {
        String body = MessageDocument.body(size);

        assertThat(body.getBytes(StandardCharsets.UTF_8)).hasSize(size);
        assertThat(new ObjectMapper().readTree(body).path("evt").asText()).isEqualTo("Single");
    }

    @Test
    void claimDocument() {
        assertThat(new String(MessageDocument.claim(300, 200), StandardCharsets.UTF_8))
                .isEqualTo("{\"ttl\":300,\"grace\":200}");
    }
}
