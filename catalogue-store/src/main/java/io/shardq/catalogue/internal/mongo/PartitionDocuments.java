package io.shardq.catalogue.internal.mongo;

import io.shardq.catalogue.Partition;
import io.shardq.catalogue.PartitionState;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;

/** Maps partitions to and from their MongoDB documents. */
final class PartitionDocuments {

    private PartitionDocuments() {
    }

    static Document toDocument(Partition partition) {
        return new Document("_id", partition.name())
                .append("weight", partition.weight())
                .append("nodes", partition.nodes().stream().map(URI::toString).toList())
                .append("agent", partition.agent() == null ? null : partition.agent().toString())
                .append("capabilities", new Document(new LinkedHashMap<String, Object>(partition.capabilities())))
                .append("state", partition.state().wireName());
    }

    static Partition fromDocument(Document doc) {
        List<URI> nodes = doc.getList("nodes", String.class).stream().map(URI::create).toList();
        String agent = doc.getString("agent");
        Map<String, Boolean> capabilities = new LinkedHashMap<>();
        Document caps = doc.get("capabilities", Document.class);
        if (caps != null) {
            caps.forEach((name, value) -> capabilities.put(name, Boolean.TRUE.equals(value)));
        }
        return new Partition(doc.getString("_id"), ((Number) doc.get("weight")).intValue(), nodes,
                agent == null ? null : URI.create(agent), capabilities, PartitionState.parse(doc.getString("state")));
    }
}
