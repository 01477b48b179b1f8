package io.shardq.partition.storage;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * Messages of a queue. Expired messages are never returned. Every id is scoped to its {@link QueueRef}.
 */
public interface MessageStore {

    /**
     * Appends a batch atomically (all visible at once, positions consecutive and after every earlier
     * batch), creating the queue if missing. Completes with the new ids in posting order.
     */
    CompletionStage<List<String>> post(QueueRef ref, List<NewMessage> messages, String clientId);

    /** One page in position order; a missing queue gives an empty page. */
    CompletionStage<MessagePage> list(QueueRef ref, MessageQuery query);

    CompletionStage<Optional<Message>> get(QueueRef ref, String id);

    /** The messages found among {@code ids}, in position order; unknown ids are skipped. */
    CompletionStage<List<Message>> get(QueueRef ref, List<String> ids);

    /**
     * Deletes one message under Zaqar's claim rules. A missing message or queue completes normally.
     *
     * @param claimId the claim the caller holds, or {@code null}
     * @throws MessageClaimedException     (in the stage) claimed and no or another active claim given
     * @throws MessageNotClaimedException  a claim given but the message is not claimed
     * @throws InvalidClaimException       the given claim does not exist or expired while the message is claimed
     */
    CompletionStage<Void> delete(QueueRef ref, String id, String claimId);

    /** Deletes the listed messages, claimed or not. Unknown ids are ignored. */
    CompletionStage<Void> delete(QueueRef ref, List<String> ids);

    /** Removes and returns up to {@code limit} of the oldest available (unclaimed, undelayed) messages. */
    CompletionStage<List<Message>> pop(QueueRef ref, int limit);

    /** Deletes every message and claim of the queue, keeping the queue. */
    CompletionStage<Void> purge(QueueRef ref);
}
