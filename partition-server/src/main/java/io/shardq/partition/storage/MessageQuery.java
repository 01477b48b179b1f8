package io.shardq.partition.storage;

/**
 * One page request of a message listing.
 *
 * @param afterPosition   list messages with a position strictly greater than this; {@code -1} from the head
 * @param limit           1..max_messages_per_page
 * @param clientId        the requesting Client-ID
 * @param echo            include messages posted by {@code clientId}
 * @param includeClaimed  include messages under an active claim
 * @param includeDelayed  include messages still inside their delay
 */
public record MessageQuery(long afterPosition, int limit, String clientId, boolean echo, boolean includeClaimed,
                           boolean includeDelayed) {

    public static final long FROM_HEAD = -1;

    /** True when {@code message} (not expired) belongs in this listing at {@code nowMillis}. */
    public boolean accepts(Message message, long nowMillis) {
        return message.position() > afterPosition
                && !message.isExpired(nowMillis)
                && (echo || clientId == null || !clientId.equals(message.clientId()))
                && (includeClaimed || !message.isClaimed(nowMillis))
                && (includeDelayed || !message.isDelayed(nowMillis));
    }
}
