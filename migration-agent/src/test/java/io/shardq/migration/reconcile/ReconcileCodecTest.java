package io.shardq.migration.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.shardq.partition.storage.Claim;
import io.shardq.partition.storage.ExportPage;
import io.shardq.partition.storage.Message;
import io.shardq.partition.storage.MessageState;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Digest requests, answers and replacements survive JSON exactly; bad ones are refused naming what was expected. */
class ReconcileCodecTest {

    private static final MessageState STATE = new MessageState("m-1", 7, 3600, 2_000_000, "c-1", 1_500_000, 2);

    @Test
    void aRequestAndAnAnswerRoundTrip() {
        DigestRequest request = new DigestRequest(123, List.of(new DigestRange(-1, 1000, 1000, -5L),
                new DigestRange(1000, Long.MAX_VALUE, 0, 0x0123456789ABCDEFL)), OptionalLong.of(Long.MIN_VALUE));
        DigestAnswer answer = new DigestAnswer(List.of(new DigestRange(1000, Long.MAX_VALUE, 3, 42)), 1003, -1,
                OptionalLong.empty());

        assertThat(ReconcileCodec.readRequest(ReconcileCodec.writeRequest(request))).isEqualTo(request);
        assertThat(ReconcileCodec.readAnswer(ReconcileCodec.writeAnswer(answer))).isEqualTo(answer);
        assertThat(ReconcileCodec.writeRequest(request)).contains("\"digest\":\"0123456789abcdef\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"ranges\":{}}",
            "{\"ranges\":[{\"from\":5,\"to\":1,\"count\":0,\"digest\":\"0000000000000000\"}]}",
            "{\"ranges\":[{\"from\":-2,\"to\":1,\"count\":0,\"digest\":\"0000000000000000\"}]}",
            "{\"ranges\":[{\"from\":1,\"to\":5,\"count\":-1,\"digest\":\"0000000000000000\"}]}",
            "{\"ranges\":[{\"from\":1,\"to\":5,\"count\":0,\"digest\":\"xyz\"}]}",
            "{\"ranges\":[{\"from\":1,\"to\":5,\"count\":0}]}",
            "{\"ranges\":[{\"from\":1,\"to\":5,\"count\":0,\"digest\":\"000000000000000g\"}]}",
            "{\"ranges\":[{\"from\":1,\"to\":5,\"count\":0,\"digest\":\"0000000000000000\"},"
                    + "{\"from\":4,\"to\":9,\"count\":0,\"digest\":\"0000000000000000\"}]}",
            "{\"ranges\":[],\"claims\":12}",
            "{\"ranges\":[],\"horizon\":\"soon\"}"})
    void badRequestsAreRefusedSayingWhatWasExpected(String json) {
        assertThatThrownBy(() -> ReconcileCodec.readRequest(json)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected");
    }

    @Test
    void aReplacementKeepsItsRangesAndTheExactBodies() {
        Message message = new Message("m-1", 7, "{ \"b\" : [1, 2.50] }", 3600, 1_000, 3_601_000, 0, "c", "k", 2_000, 1);
        Claim claim = new Claim("k", 300, 60, 1_000, 301_000, List.of());
        Replacement replacement = new Replacement(List.of(new PositionRange(-1, 3), new PositionRange(5, Long.MAX_VALUE)),
                new ExportPage(JsonNodeFactory.instance.objectNode().put("x", 1), 9, List.of(message), List.of(claim), 7,
                        true));

        Replacement read = ReconcileCodec.readReplacement(ReconcileCodec.writeReplacement(replacement));

        assertThat(read.ranges()).isEqualTo(replacement.ranges());
        assertThat(read.page().messages()).containsExactly(message);
        assertThat(read.page().claims()).containsExactly(claim);
        assertThat(read.page().metadata()).isEqualTo(replacement.page().metadata());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "",
            "\"ranges\":[],",
            "\"ranges\":{},",
            "\"ranges\":[{\"from\":9,\"to\":1}],",
            "\"ranges\":[{\"from\":1}],",
            "\"ranges\":[{\"from\":0,\"to\":9},{\"from\":5,\"to\":12}],",
            "\"ranges\":[{\"from\":0,\"to\":4}],"})
    void badReplacementsAreRefusedSayingWhatWasExpected(String ranges) {
        String json = "{" + ranges + "\"last_position\":5,\"messages\":[{\"id\":\"m\",\"position\":5,\"body\":1,"
                + "\"ttl\":60,\"created\":1,\"expires\":2}],\"claims\":[],\"next_cursor\":5,\"done\":true}";
        assertThatThrownBy(() -> ReconcileCodec.readReplacement(json)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected");
    }

    @Test
    void theHorizonLeavesOutStatesThatExpireByThen() {
        DigestRange.Builder all = new DigestRange.Builder(0);
        DigestRange.Builder later = new DigestRange.Builder(STATE.expiresMillis());
        all.add(STATE);
        later.add(STATE);

        assertThat(all.build(-1, 10).count()).isEqualTo(1);
        assertThat(later.build(-1, 10)).isEqualTo(new DigestRange.Builder(0).build(-1, 10));
    }

    @Test
    void everyFieldOfAStateChangesItsHash() {
        long hash = Hashes.state(STATE);
        List<MessageState> changed = List.of(
                new MessageState("m-2", 7, 3600, 2_000_000, "c-1", 1_500_000, 2),
                new MessageState("m-1", 8, 3600, 2_000_000, "c-1", 1_500_000, 2),
                new MessageState("m-1", 7, 3601, 2_000_000, "c-1", 1_500_000, 2),
                new MessageState("m-1", 7, 3600, 2_000_001, "c-1", 1_500_000, 2),
                new MessageState("m-1", 7, 3600, 2_000_000, null, 1_500_000, 2),
                new MessageState("m-1", 7, 3600, 2_000_000, "", 1_500_000, 2),
                new MessageState("m-1", 7, 3600, 2_000_000, "c-1", 1_500_001, 2),
                new MessageState("m-1", 7, 3600, 2_000_000, "c-1", 1_500_000, 3));
        assertThat(changed).allSatisfy(state -> assertThat(Hashes.state(state)).isNotEqualTo(hash));
        assertThat(Hashes.state(new MessageState("m-1", 7, 3600, 2_000_000, "c-1", 1_500_000, 2))).isEqualTo(hash);
    }

    @Test
    void theOrderOfStatesInARangeMatters() {
        MessageState other = new MessageState("m-2", 8, 3600, 2_000_000, null, 0, 0);
        DigestRange.Builder forward = new DigestRange.Builder(0);
        DigestRange.Builder backward = new DigestRange.Builder(0);
        forward.add(STATE);
        forward.add(other);
        backward.add(other);
        backward.add(STATE);

        assertThat(forward.build(-1, 9).digest()).isNotEqualTo(backward.build(-1, 9).digest());
    }

    @Test
    void claimsHashInAnyOrderAndLeaveOutThoseExpiringByTheHorizon() {
        Claim a = new Claim("a", 300, 60, 1_000, 301_000, List.of());
        Claim b = new Claim("b", 300, 60, 2_000, 302_000, List.of());
        Claim renewed = new Claim("b", 600, 60, 9_000, 609_000, List.of());

        assertThat(Hashes.claims(List.of(a, b), 0)).isEqualTo(Hashes.claims(List.of(b, a), 0));
        assertThat(Hashes.claims(List.of(a, renewed), 0)).isNotEqualTo(Hashes.claims(List.of(a, b), 0));
        assertThat(Hashes.claims(List.of(a, b), 301_000)).isEqualTo(Hashes.claims(List.of(b), 0));
    }
}
