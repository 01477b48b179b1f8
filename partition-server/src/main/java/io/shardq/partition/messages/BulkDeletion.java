package io.shardq.partition.messages;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shardq.common.zaqar.HttpError;
import io.shardq.partition.config.LimitsConfig;
import io.shardq.partition.http.ApiRequest;
import io.shardq.partition.http.ApiResponse;
import io.shardq.partition.http.JsonBodies;
import io.shardq.partition.storage.Message;
import io.shardq.partition.storage.MessageStore;
import io.shardq.partition.storage.Touched;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * {@code DELETE …/messages?ids=…} (claims ignored, unless {@code message_delete_with_claim_id}: then only
 * messages held by one of {@code claim_ids} are deleted) and {@code DELETE …/messages?pop=N}.
 */
final class BulkDeletion {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final MessageStore messages;
    private final LimitsConfig limits;
    private final Clock clock;

    BulkDeletion(MessageStore messages, LimitsConfig limits, Clock clock) {
        this.messages = messages;
        this.limits = limits;
        this.clock = clock;
    }

    CompletionStage<ApiResponse> delete(ApiRequest request) {
        List<String> ids = request.query().list("ids");
        List<String> claimIds = limits.messageDeleteWithClaimId() ? request.query().list("claim_ids") : null;
        Integer pop = request.query().integer("pop");
        validate(ids, pop, claimIds);
        if (ids != null) {
            return claimIds == null ? messages.delete(request.queue(), ids)
                    .thenApply(done -> ApiResponse.noContent().withTouched(Touched.of(ids)))
                    : deleteClaimed(request, ids, claimIds);
        }
        return messages.pop(request.queue(), pop).thenApply(this::popped);
    }

    private void validate(List<String> ids, Integer pop, List<String> claimIds) {
        if (pop != null && ids != null) {
            throw HttpError.invalidApiRequest("pop and id params cannot be present together in the delete request.");
        }
        if (pop == null && ids == null) {
            throw HttpError.invalidApiRequest("The request should have either \"ids\" or \"pop\" parameter in the "
                    + "request, to be able to delete.");
        }
        if (limits.messageDeleteWithClaimId() && ((ids != null && !ids.isEmpty() && claimIds == null)
                || (ids == null && claimIds != null && !claimIds.isEmpty()))) {
            throw HttpError.invalidApiRequest("The request should have both \"ids\" and \"claim_ids\" parameter in "
                    + "the request when message_delete_with_claim_id is True.");
        }
        if (pop != null && (pop <= 0 || pop > limits.maxMessagesPerClaimOrPop())) {
            throw HttpError.invalidApiRequest("Pop value must be at least 1 and may not be greater than "
                    + limits.maxMessagesPerClaimOrPop() + ".");
        }
        if (ids != null && (ids.isEmpty() || ids.size() > limits.maxMessagesPerPage())) {
            throw HttpError.invalidApiRequest("ids parameter should have at least 1 and not greater than "
                    + limits.maxMessagesPerPage() + " values.");
        }
    }

    private CompletionStage<ApiResponse> deleteClaimed(ApiRequest request, List<String> ids, List<String> claimIds) {
        long now = clock.millis();
        return messages.get(request.queue(), ids).thenCompose(found -> {
            List<String> held = found.stream()
                    .filter(message -> message.isClaimed(now) && claimIds.contains(message.claimId()))
                    .map(Message::id).toList();
            return messages.delete(request.queue(), held).thenApply(done -> held);
        }).thenApply(held -> ApiResponse.noContent().withTouched(Touched.of(held)));
    }

    private ApiResponse popped(List<Message> popped) {
        long now = clock.millis();
        ArrayNode items = JSON.arrayNode();
        popped.forEach(message -> items.add(MessageViews.popped(message, now)));
        ObjectNode body = JSON.objectNode();
        body.set("messages", items);
        return ApiResponse.ok(JsonBodies.write(body)).withTouched(Touched.ofMessages(popped));
    }
}
