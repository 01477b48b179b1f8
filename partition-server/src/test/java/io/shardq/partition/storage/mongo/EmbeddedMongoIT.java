package io.shardq.partition.storage.mongo;

import static io.shardq.partition.storage.mongo.Stages.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shardq.partition.storage.Claim;
import io.shardq.partition.storage.ClaimSpec;
import io.shardq.partition.storage.Message;
import io.shardq.partition.storage.MessageQuery;
import io.shardq.partition.storage.NewMessage;
import io.shardq.partition.storage.QueuePage;
import io.shardq.partition.storage.QueueRef;
import io.shardq.testing.MutableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded default keeps queues, messages and claims in its directory across a stop and a start. */
class EmbeddedMongoIT {

    private static final String CLIENT = "5a7b3c1e-0000-4000-8000-000000000001";

    @TempDir
    Path directory;

    private final MutableClock clock = MutableClock.startingNow();

    @Test
    void restartOnTheSameDirectorySeesQueuesMessagesAndClaims() {
        QueueRef queue = QueueRef.of("p", "orders");
        ObjectNode metadata = JsonNodeFactory.instance.objectNode().put("_default_message_ttl", 600);
        List<String> ids;
        Claim claim;
        try (EmbeddedMongo embedded = EmbeddedMongo.start(directory, clock)) {
            await(embedded.queues().create(queue, metadata));
            ids = await(embedded.messages().post(queue, List.of(NewMessage.of("{\"n\":1}", 600, 0),
                    NewMessage.of("{\"n\":2}", 600, 0), NewMessage.of("{\"n\":3}", 600, 0)), CLIENT));
            claim = await(embedded.claims().create(queue, ClaimSpec.of(300, 60, 2)));
            assertThat(await(embedded.isAlive())).isTrue();
        }
        assertThat(Files.exists(directory.resolve(EmbeddedMongo.STORE_FILE))).isTrue();

        EmbeddedMongo restarted = EmbeddedMongo.start(directory, clock);
        try {
            assertThat(await(restarted.queues().metadata(queue))).contains(metadata);
            assertThat(await(restarted.queues().list("p", null, 10, false)).queues())
                    .extracting(QueuePage.Entry::name).containsExactly("orders");
            List<Message> listed = await(restarted.messages().list(queue,
                    new MessageQuery(MessageQuery.FROM_HEAD, 10, CLIENT, true, true, true))).messages();
            assertThat(listed).extracting(Message::id).containsExactlyElementsOf(ids);
            assertThat(await(restarted.claims().get(queue, claim.id())).messages()).extracting(Message::id)
                    .containsExactlyElementsOf(ids.subList(0, 2));
            assertThat(await(restarted.claims().create(queue, ClaimSpec.of(300, 60, 10))).messages())
                    .extracting(Message::id).containsExactly(ids.get(2));

            List<String> more = await(restarted.messages().post(queue, List.of(NewMessage.of("4", 600, 0)), CLIENT));
            assertThat(await(restarted.messages().get(queue, more.get(0)))).hasValueSatisfying(
                    message -> assertThat(message.position()).isEqualTo(4));
        } finally {
            restarted.stop();
        }
    }
}
