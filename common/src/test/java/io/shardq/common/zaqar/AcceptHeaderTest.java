package io.shardq.common.zaqar;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AcceptHeaderTest {

    @ParameterizedTest(name = "''{0}'' -> {1}")
    @CsvSource(delimiter = '|', value = {
        "''                                     | true",
        "application/json                       | true",
        "APPLICATION/JSON                       | true",
        "application/json; charset=utf-8        | true",
        "application/*                          | true",
        "*/*                                    | true",
        "*                                      | true",
        "text/html, application/json;q=0.5      | true",
        "text/html,*/*;q=0.1                    | true",
        "text/html                              | false",
        "application/xml                        | false",
        "application/json-home                  | false",
        "text/*                                 | false",
        "application/json;q=0                   | false",
        "application/json;q=0.0, text/plain     | false",
        "application/json;q=abc                 | false",
    })
    void allowsJsonOnlyWhenSomeRangeWithPositiveQualityMatchesIt(String accept, boolean allowed) {
        assertThat(AcceptHeader.allowsJson(accept)).isEqualTo(allowed);
    }
}
