package io.shardq.common.zaqar;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QueryStringsTest {

    @Test
    void noParametersGiveAnEmptyString() {
        assertThat(QueryStrings.of(Map.of())).isEmpty();
    }

    @Test
    void parametersKeepTheirOrderAndBooleansAreLowercase() {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("marker", "q9");
        params.put("limit", 5);
        params.put("detailed", Boolean.TRUE);
        params.put("with_count", Boolean.FALSE);

        assertThat(QueryStrings.of(params)).isEqualTo("?marker=q9&limit=5&detailed=true&with_count=false");
    }

    @Test
    void valuesAreUrlEncodedButCommasAreKept() {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("name", "a b/c&d");
        params.put("ids", "m1,m2");

        assertThat(QueryStrings.of(params)).isEqualTo("?name=a+b%2Fc%26d&ids=m1,m2");
    }
}
