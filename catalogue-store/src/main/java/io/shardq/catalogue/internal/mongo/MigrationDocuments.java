package io.shardq.catalogue.internal.mongo;

import io.shardq.catalogue.MigrationPhase;
import io.shardq.catalogue.MigrationRecord;
import io.shardq.catalogue.QueueKey;
import java.util.Date;
import org.bson.Document;

/** Maps migration records to and from their MongoDB documents. */
final class MigrationDocuments {

    private MigrationDocuments() {
    }

    static Document toDocument(MigrationRecord record) {
        return new Document("_id", record.id())
                .append("project", record.key().project())
                .append("queue", record.key().queue())
                .append("from", record.from())
                .append("to", record.to())
                .append("phase", record.phase().wireName())
                .append("copied", record.copied())
                .append("total", record.total())
                .append("pause_ms", record.pauseMs())
                .append("cursor", record.cursor())
                .append("owner", record.owner())
                .append("lease_until", record.leaseUntil() == null ? null : Date.from(record.leaseUntil()))
                .append("created", Date.from(record.created()))
                .append("updated", Date.from(record.updated()))
                .append("error", record.error());
    }

    static MigrationRecord fromDocument(Document doc) {
        return new MigrationRecord(doc.getString("_id"), QueueKey.of(doc.getString("project"), doc.getString("queue")),
                doc.getString("from"), doc.getString("to"), MigrationPhase.parse(doc.getString("phase")),
                number(doc, "copied"), number(doc, "total"), number(doc, "pause_ms"),
                doc.get("cursor") == null ? -1 : number(doc, "cursor"), doc.getString("owner"),
                doc.getDate("lease_until") == null ? null : doc.getDate("lease_until").toInstant(),
                doc.getDate("created").toInstant(), doc.getDate("updated").toInstant(), doc.getString("error"));
    }

    private static long number(Document doc, String field) {
        return ((Number) doc.get(field)).longValue();
    }
}
