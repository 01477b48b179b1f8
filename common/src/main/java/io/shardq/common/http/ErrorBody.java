package io.shardq.common.http;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The Zaqar (falcon) error body: {@code {"title": ..., "description": ...}}; the description is omitted
 * when absent.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ErrorBody(String title, String description) {

    public static ErrorBody of(String title, String description) {
        return new ErrorBody(title, description);
    }

    public static ErrorBody titleOnly(String title) {
        return new ErrorBody(title, null);
    }
}
