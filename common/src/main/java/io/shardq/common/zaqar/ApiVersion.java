package io.shardq.common.zaqar;

/** The API versions the partition server speaks; each routes under its own path prefix. */
public enum ApiVersion {
    V1_1("/v1.1"),
    V2("/v2");

    private final String prefix;

    ApiVersion(String prefix) {
        this.prefix = prefix;
    }

    /** The path prefix without a trailing slash, e.g. {@code /v2}. */
    public String prefix() {
        return prefix;
    }

    public boolean isV2() {
        return this == V2;
    }
}
