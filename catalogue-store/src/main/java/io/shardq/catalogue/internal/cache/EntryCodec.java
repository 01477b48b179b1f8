package io.shardq.catalogue.internal.cache;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shardq.catalogue.CatalogueEntry;
import io.shardq.catalogue.EntryState;
import io.shardq.catalogue.QueueKey;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The Redis form of a catalogue entry: {@code <created epoch ms>:<version>:<json>}. The numeric prefix lets
 * the version-guard script compare entries without decoding JSON. Partition names are canonicalized so
 * that a million cached entries share a handful of name strings.
 */
final class EntryCodec {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int MAX_CANONICAL_NAMES = 10_000;

    private final ConcurrentMap<String, String> partitionNames = new ConcurrentHashMap<>();

    String encode(CatalogueEntry entry) {
        ObjectNode json = MAPPER.createObjectNode()
                .put("p", entry.project())
                .put("q", entry.queue())
                .put("t", entry.partition())
                .put("s", entry.state().wireName())
                .put("m", entry.migration());
        return entry.created().toEpochMilli() + ":" + entry.version() + ":" + json;
    }

    CatalogueEntry decode(String value) {
        int first = value.indexOf(':');
        int second = value.indexOf(':', first + 1);
        if (first < 0 || second < 0) {
            throw new IllegalArgumentException("not a cached catalogue entry: " + value);
        }
        long created = Long.parseLong(value, 0, first, 10);
        long version = Long.parseLong(value, first + 1, second, 10);
        try {
            JsonNode json = MAPPER.readTree(value.substring(second + 1));
            JsonNode migration = json.get("m");
            return new CatalogueEntry(QueueKey.of(json.get("p").asText(), json.get("q").asText()),
                    canonical(json.get("t").asText()), EntryState.parse(json.get("s").asText()), version,
                    Instant.ofEpochMilli(created), migration == null || migration.isNull() ? null : migration.asText());
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a cached catalogue entry: " + value, e);
        }
    }

    private String canonical(String partition) {
        if (partitionNames.size() >= MAX_CANONICAL_NAMES) {
            return partition;
        }
        String known = partitionNames.putIfAbsent(partition, partition);
        return known == null ? partition : known;
    }
}
