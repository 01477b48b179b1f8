package io.shardq.common.zaqar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class QueryParamsTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "true, true", "True, true", "t, true", "yes, true", "y, true", "1, true", "on, true",
        "false, false", "False, false", "f, false", "no, false", "n, false", "0, false", "off, false",
    })
    void boolAcceptsFalconsSpellings(String value, boolean expected) {
        assertThat(QueryParams.parse("detailed=" + value).bool("detailed")).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"maybe", "2", "T", "Yes", "ON", "truee", "TRUE", "FALSE"})
    void boolRejectsAnythingElseAsInvalidParameter(String value) {
        QueryParams query = QueryParams.parse("detailed=" + value);

        assertThatThrownBy(() -> query.bool("detailed")).isInstanceOfSatisfying(HttpError.class, error -> {
            assertThat(error.status().code()).isEqualTo(400);
            assertThat(error.title()).isEqualTo("Invalid parameter");
            assertThat(error.description()).isEqualTo(
                    "The \"detailed\" parameter is invalid. The value of the parameter must be \"true\" or \"false\".");
        });
    }

    @Test
    void boolFallsBackWhenAbsent() {
        QueryParams query = QueryParams.parse("limit=5");

        assertThat(query.bool("echo")).isNull();
        assertThat(query.bool("echo", true)).isTrue();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"5, 5", "0, 0", "-3, -3", "+7, 7", "%205%20, 5"})
    void integerParsesPythonStyleInts(String raw, int expected) {
        assertThat(QueryParams.parse("limit=" + raw).integer("limit")).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"ten", "1.5", "0x10", "5a"})
    void badIntegerIsInvalidParameter(String raw) {
        QueryParams query = QueryParams.parse("limit=" + raw);

        assertThatThrownBy(() -> query.integer("limit")).isInstanceOfSatisfying(HttpError.class, error -> {
            assertThat(error.status().code()).isEqualTo(400);
            assertThat(error.title()).isEqualTo("Invalid parameter");
            assertThat(error.description()).isEqualTo("The \"limit\" parameter is invalid. The value must be an integer.");
        });
    }

    @Test
    void blankValuesAreDropped() {
        QueryParams query = QueryParams.parse("limit=&detailed=&marker=m1");

        assertThat(query.has("limit")).isFalse();
        assertThat(query.integer("limit")).isNull();
        assertThat(query.bool("detailed")).isNull();
        assertThat(query.all()).containsExactly(java.util.Map.entry("marker", "m1"));
    }

    @Test
    void missingOrEmptyQueryHasNoParameters() {
        assertThat(QueryParams.parse(null).all()).isEmpty();
        assertThat(QueryParams.parse("").all()).isEmpty();
        assertThat(QueryParams.empty().get("ids")).isNull();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "ids=a,b,c        | a;b;c",
        "ids=a&ids=b      | a;b",
        "ids=a,,b,        | a;b",
        "ids=a%2Cb&ids=c  | a;b;c",
        "ids=%20a%20,b    | a;b",
    })
    void listsAreCommaSeparatedAndRepeatable(String raw, String expected) {
        assertThat(QueryParams.parse(raw).list("ids")).containsExactly(expected.split(";"));
    }

    @Test
    void absentListIsNull() {
        assertThat(QueryParams.parse("pop=1").list("ids")).isNull();
    }

    @Test
    void valuesArePercentDecoded() {
        assertThat(QueryParams.parse("marker=a%20b&name=x%2By").get("marker")).isEqualTo("a b");
        assertThat(QueryParams.parse("name=x%2By").get("name")).isEqualTo("x+y");
    }
}
