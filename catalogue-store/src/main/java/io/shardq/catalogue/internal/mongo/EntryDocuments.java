package io.shardq.catalogue.internal.mongo;

import io.shardq.catalogue.CatalogueEntry;
import io.shardq.catalogue.EntryState;
import io.shardq.catalogue.QueueKey;
import java.time.Instant;
import java.util.Date;
import org.bson.Document;

/** Maps catalogue entries to and from their MongoDB documents. */
final class EntryDocuments {

    private EntryDocuments() {
    }

    static Document toDocument(CatalogueEntry entry, Instant updated) {
        return new Document("_id", entry.key().key())
                .append("project", entry.project())
                .append("queue", entry.queue())
                .append("partition", entry.partition())
                .append("state", entry.state().wireName())
                .append("version", entry.version())
                .append("created", Date.from(entry.created()))
                .append("updated", Date.from(updated))
                .append("migration", entry.migration());
    }

    static CatalogueEntry fromDocument(Document doc) {
        return new CatalogueEntry(QueueKey.of(doc.getString("project"), doc.getString("queue")),
                doc.getString("partition"), EntryState.parse(doc.getString("state")),
                ((Number) doc.get("version")).longValue(), doc.getDate("created").toInstant(),
                doc.getString("migration"));
    }
}
