package io.shardq.proxy.forward;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DeadLetterQueueNameTest {

    @Test
    void aPutOfTheQueueNamesItsDeadLetterQueue() {
        assertThat(DeadLetterQueueName.of("PUT", "/v2/queues/work", "work", "{\"_dead_letter_queue\":\"dead\"}"))
                .contains("dead");
        assertThat(DeadLetterQueueName.of("PUT", "/v1.1/queues/work", "work", "{\"_dead_letter_queue\":\"dead\"}"))
                .contains("dead");
        assertThat(DeadLetterQueueName.of("PUT", "/v2/queues/work", "work", "{\"_default_message_ttl\":60}")).isEmpty();
        assertThat(DeadLetterQueueName.of("PUT", "/v2/queues/work", "work", "{\"_dead_letter_queue\":7}")).isEmpty();
        assertThat(DeadLetterQueueName.of("PUT", "/v2/queues/work", "work", "")).isEmpty();
        assertThat(DeadLetterQueueName.of("PUT", "/v2/queues/work", "work", "{not json")).isEmpty();
    }

    @Test
    void aPatchNamesTheLastAddedOrReplacedDeadLetterQueue() {
        String patch = "[{\"op\":\"add\",\"path\":\"/metadata/_dead_letter_queue\",\"value\":\"first\"},"
                + "{\"op\":\"replace\",\"path\":\"/metadata/_dead_letter_queue\",\"value\":\"second\"},"
                + "{\"op\":\"add\",\"path\":\"/metadata/other\",\"value\":\"x\"}]";
        assertThat(DeadLetterQueueName.of("PATCH", "/v2/queues/work", "work", patch)).contains("second");
        assertThat(DeadLetterQueueName.of("PATCH", "/v2/queues/work", "work",
                "[{\"op\":\"remove\",\"path\":\"/metadata/_dead_letter_queue\"}]")).isEmpty();
        assertThat(DeadLetterQueueName.of("PATCH", "/v2/queues/work", "work", "{\"_dead_letter_queue\":\"d\"}")).isEmpty();
    }

    @Test
    void requestsOnOtherResourcesOfTheQueueNameNone() {
        assertThat(DeadLetterQueueName.of("PATCH", "/v2/queues/work/claims/c1", "work",
                "{\"_dead_letter_queue\":\"dead\"}")).isEmpty();
        assertThat(DeadLetterQueueName.of("PUT", "/v2/queues/other-work", "work",
                "{\"_dead_letter_queue\":\"dead\"}")).isEmpty();
    }
}
