package io.shardq.migration.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shardq.common.json.Json;
import io.shardq.partition.storage.Claim;
import io.shardq.partition.storage.ExportPage;
import io.shardq.partition.storage.Message;
import io.shardq.partition.storage.MessageState;
import io.shardq.partition.storage.StatePage;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TransferCodecTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"event\": \"created\", \"n\": 1}",
            "{\"emoji\":\"\\u00e9t\u00e9 \uD83D\uDE80 \u4e2d\u6587\",\"nested\":{\"a\":[1,2.5e3,null,true]}}",
            "[1, \"two\", [3], {\"four\": 4}]",
            "null",
            "\"just a string with \\\"quotes\\\" and \\\\ \"",
            "-12.50",
            "0",
            "true",
            "{ }",
            "[]"})
    void exportPageRoundTripsEveryFieldAndTheExactBody(String body) {
        Message message = new Message("m-1", 42, body, 3600, 1_700_000_000_123L, 1_700_003_600_123L,
                1_700_000_010_000L, "client-\u00e9", "claim-9", 1_700_000_300_000L, 3);
        ExportPage page = new ExportPage(metadata(), 57, List.of(message, plainMessage(43)),
                List.of(new Claim("claim-9", 300, 60, 1_700_000_000_000L, 1_700_000_300_000L, List.of())), 43, false);

        String json = TransferCodec.writeExportPage(page);
        ExportPage back = TransferCodec.readExportPage(json);

        assertThat(back).isEqualTo(page);
        assertThat(back.messages().get(0).body()).isEqualTo(body);
        assertThat(TransferCodec.writeExportPage(back)).isEqualTo(json);
    }

    @Test
    void bodyKeepsItsOwnWhitespaceAndKeyOrder() {
        String json = "{\"metadata\":{},\"last_position\":1,\"messages\":[{\"body\" :  {\"b\" : 2 ,\"a\":[ 1 ]} ,"
                + "\"id\":\"x\",\"position\":1,\"ttl\":60,\"created\":1,\"expires\":60001}],\"claims\":[],"
                + "\"next_cursor\":1,\"done\":true}";

        Message message = TransferCodec.readExportPage(json).messages().get(0);

        assertThat(message.body()).isEqualTo("{\"b\" : 2 ,\"a\":[ 1 ]}");
        assertThat(message.clientId()).isNull();
        assertThat(message.claimId()).isNull();
        assertThat(message.claimCount()).isZero();
    }

    @Test
    void emptyPageRoundTrips() {
        ExportPage page = new ExportPage(Json.mapper().createObjectNode(), 0, List.of(), List.of(), -1, true);

        assertThat(TransferCodec.readExportPage(TransferCodec.writeExportPage(page))).isEqualTo(page);
    }

    @Test
    void statesRoundTrip() {
        List<MessageState> states = List.of(new MessageState("a", 1, 60, 61_000, null, 0, 0),
                new MessageState("b", 2, 120, 122_000, "c1", 90_000, 2));

        assertThat(TransferCodec.readStates(TransferCodec.writeStates(states))).isEqualTo(states);
        StatePage page = new StatePage(states, 2, true);
        assertThat(TransferCodec.readStatePage(TransferCodec.writeStatePage(page))).isEqualTo(page);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "",
            "[]",
            "{\"metadata\":{}",
            "{\"metadata\":{},\"last_position\":1,\"messages\":[],\"claims\":[],\"next_cursor\":1,\"done\":true} x",
            "{\"metadata\":{},\"last_position\":1,\"claims\":[],\"next_cursor\":1,\"done\":true}",
            "{\"metadata\":[],\"last_position\":1,\"messages\":[],\"claims\":[],\"next_cursor\":1,\"done\":true}",
            "{\"metadata\":{},\"last_position\":\"1\",\"messages\":[],\"claims\":[],\"next_cursor\":1,\"done\":true}",
            "{\"metadata\":{},\"last_position\":1,\"messages\":[{\"id\":\"x\"}],\"claims\":[],\"next_cursor\":1,\"done\":true}",
            "{\"metadata\":{},\"last_position\":1,\"messages\":[1],\"claims\":[],\"next_cursor\":1,\"done\":true}",
            "{\"metadata\":{},\"last_position\":1,\"messages\":[],\"claims\":[{\"id\":\"c\"}],\"next_cursor\":1,\"done\":true}",
            "{\"metadata\":{},\"last_position\":1,\"messages\":[],\"claims\":[],\"next_cursor\":1}"})
    void malformedPagesAreRefusedWithTheReason(String json) {
        assertThatThrownBy(() -> TransferCodec.readExportPage(json))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected");
    }

    private static Message plainMessage(long position) {
        return new Message("m-" + position, position, "{}", 60, 1, 60_001, 0, null, null, 0, 0);
    }

    private static ObjectNode metadata() {
        ObjectNode metadata = Json.mapper().createObjectNode();
        metadata.put("_max_claim_count", 5).put("$odd.key", "\u00fc");
        metadata.putArray("tags").add("a").addNull();
        return metadata;
    }
}
