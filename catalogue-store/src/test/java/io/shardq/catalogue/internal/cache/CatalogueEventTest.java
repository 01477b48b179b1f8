package io.shardq.catalogue.internal.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.shardq.catalogue.CatalogueEntry;
import io.shardq.catalogue.EntryState;
import io.shardq.catalogue.QueueKey;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CatalogueEventTest {

    private static final CatalogueEntry ENTRY = new CatalogueEntry(QueueKey.of("my project", "q"), "a",
            EntryState.MIGRATING, 3, Instant.ofEpochMilli(1_700_000_000_123L), "m-1");

    @Test
    void eventRoundTripsEvenWithSpacesInTheProject() {
        CatalogueEvent event = CatalogueEvent.upsert(ENTRY);
        assertThat(event.format()).isEqualTo("upsert 3 1700000000123 my project/q");
        assertThat(CatalogueEvent.parse(event.format())).isEqualTo(event);
    }

    @Test
    void upsertConfirmsOnlyTheExactIncarnationAndVersion() {
        CatalogueEvent event = CatalogueEvent.upsert(ENTRY);
        assertThat(event.confirms(ENTRY)).isTrue();
        assertThat(event.confirms(new CatalogueEntry(ENTRY.key(), "a", EntryState.ACTIVE, 3,
                Instant.ofEpochMilli(5), null))).isFalse();
        assertThat(CatalogueEvent.delete(ENTRY).confirms(ENTRY)).isFalse();
    }

    @Test
    void codecRoundTripsEntries() {
        EntryCodec codec = new EntryCodec();
        String value = codec.encode(ENTRY);
        assertThat(value).startsWith("1700000000123:3:{");
        assertThat(codec.decode(value)).isEqualTo(ENTRY);
        CatalogueEntry plain = ENTRY.withMigration(null);
        assertThat(codec.decode(codec.encode(plain))).isEqualTo(plain);
    }
}
