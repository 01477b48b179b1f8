package io.shardq.common.zaqar;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ClientIdsTest {

    private static final String CANONICAL = "3381af92-2b9e-11e3-b191-71861300734c";

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "3381af92-2b9e-11e3-b191-71861300734c",
        "3381af922b9e11e3b19171861300734c",
        "{3381af92-2b9e-11e3-b191-71861300734c}",
        "{3381af922b9e11e3b19171861300734c}",
        "urn:uuid:3381af92-2b9e-11e3-b191-71861300734c",
        "3381AF92-2B9E-11E3-B191-71861300734C",
        "3381-af922b9e11e3b191-71861300734c",
    })
    void everyFormPythonUuidAcceptsHasTheSameCanonicalForm(String value) {
        assertThat(ClientIds.canonical(value)).isEqualTo(CANONICAL);
        assertThat(ClientIds.normalize(value)).isEqualTo(CANONICAL);
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {
        "", "not-a-uuid", "3381af92-2b9e-11e3-b191-71861300734",
        "3381af92-2b9e-11e3-b191-71861300734c0", "3381af92-2b9e-11e3-b191-71861300734g",
        "3381af92 2b9e 11e3 b191 71861300734c", "urn:uuid:", "{}",
        // Python strips only the lowercase 'urn:' and 'uuid:' prefixes
        "URN:UUID:3381af92-2b9e-11e3-b191-71861300734c",
    })
    void anythingElseIsNotAUuid(String value) {
        assertThat(ClientIds.canonical(value)).isNull();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"my-client-id-1234, my-client-id-1234", "ABC, ABC"})
    void normalizeKeepsNonUuidIdsAsSent(String value, String expected) {
        assertThat(ClientIds.normalize(value)).isEqualTo(expected);
    }

    @Test
    void normalizeOfNullIsNull() {
        assertThat(ClientIds.normalize(null)).isNull();
    }
}
