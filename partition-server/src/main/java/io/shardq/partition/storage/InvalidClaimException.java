package io.shardq.partition.storage;

/**
 * A delete named a claim that does not exist, is malformed or has expired, while the message is claimed
 * (Zaqar's {@code ClaimDoesNotExist} on delete).
 */
public final class InvalidClaimException extends StorageException {

    private static final long serialVersionUID = 1L;

    public InvalidClaimException(String claimId) {
        super("Claim " + claimId + " does not exist or has expired");
    }
}
