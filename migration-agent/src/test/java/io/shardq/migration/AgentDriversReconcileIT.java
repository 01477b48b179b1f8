package io.shardq.migration;

import static io.shardq.migration.AgentCopyIT.assertSameQueue;
import static io.shardq.migration.AgentCopyIT.await;
import static io.shardq.migration.AgentCopyIT.copyAndWait;
import static io.shardq.migration.AgentCopyIT.exportAll;
import static io.shardq.migration.AgentCopyIT.fill;
import static io.shardq.migration.AgentReconcileIT.ids;
import static io.shardq.migration.AgentReconcileIT.join;
import static io.shardq.migration.AgentReconcileIT.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shardq.migration.client.CopyStatus;
import io.shardq.partition.storage.Claim;
import io.shardq.partition.storage.ClaimNotFoundException;
import io.shardq.partition.storage.ClaimSpec;
import io.shardq.partition.storage.Message;
import io.shardq.partition.storage.QueueRef;
import io.shardq.partition.storage.Storage;
import io.shardq.partition.storage.mongo.MongoStorage;
import io.shardq.partition.storage.redis.RedisStorage;
import io.shardq.testing.MongoServerExtension;
import io.shardq.testing.RedisServerExtension;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A reconciling copy between two agents over the Redis driver (one redis-server, a key prefix per partition)
 * and over the MongoDB driver (the in-process MongoDB-wire server, a database per partition).
 */
class AgentDriversReconcileIT {

    @RegisterExtension
    static final RedisServerExtension redis = new RedisServerExtension();
    @RegisterExtension
    static final MongoServerExtension mongo = new MongoServerExtension();

    static final QueueRef QUEUE = AgentReconcileIT.QUEUE;

    @ParameterizedTest
    @ValueSource(strings = {"redis", "mongo"})
    void afterLiveChangesTheDestinationEndsIdentical(String driver) throws Exception {
        try (AgentFixture source = new AgentFixture(storage(driver, "src"), null);
             AgentFixture destination = new AgentFixture(storage(driver, "dst"), null)) {
            fill(source.storage, QUEUE);
            CopyStatus first = copyAndWait(source, destination, QUEUE, -1, 1_000);
            List<Message> copied = exportAll(source.storage, QUEUE).messages();
            List<String> claims = exportAll(source.storage, QUEUE).claims().stream().map(Claim::id).toList();

            join(source.storage.claims().update(QUEUE, claims.get(0), 900, 120));
            join(source.storage.claims().release(QUEUE, claims.get(1)));
            Claim taken = join(source.storage.claims().create(QUEUE, ClaimSpec.of(300, 60, 15)));
            join(source.storage.messages().delete(QUEUE, ids(copied.subList(100, 110))));
            post(source.storage, 50);

            String id = source.client.startCopy(QUEUE, destination.uri(), first.cursor(), 500, true);
            CopyStatus status = await(source, id, CopyStatus::finished);

            assertThat(status.state()).as(String.valueOf(status.error())).isEqualTo("done");
            assertThat(status.verified()).isTrue();
            assertThat(status.deleted()).isEqualTo(10);
            assertThat(status.sourceCount()).isEqualTo(5_000 - 10 + 50).isEqualTo(status.destinationCount());
            assertSameQueue(source.storage, destination.storage, QUEUE);
            assertThat(join(destination.storage.claims().get(QUEUE, taken.id())))
                    .isEqualTo(join(source.storage.claims().get(QUEUE, taken.id())));
            assertThatThrownBy(() -> join(destination.storage.claims().get(QUEUE, claims.get(1))))
                    .hasCauseInstanceOf(ClaimNotFoundException.class);

            String again = source.client.startCopy(QUEUE, destination.uri(), status.cursor(), 500, true);
            CopyStatus unchanged = await(source, again, CopyStatus::finished);
            assertThat(unchanged.verified()).isTrue();
            assertThat(unchanged.rangesReplaced()).isZero();
        }
    }

    private static Storage storage(String driver, String partition) {
        return driver.equals("redis") ? new RedisStorage(redis.uri(), Clock.systemUTC(), partition + ":")
                : new MongoStorage(mongo.uri(), mongo.database() + "_" + partition, Clock.systemUTC());
    }
}
