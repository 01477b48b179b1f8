package io.shardq.catalogue;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rebuilds the catalogue from the partitions themselves, to recover a lost catalogue database: every queue
 * that exactly one registered partition holds gets an entry there (insert-if-absent, so a run over a
 * partly intact catalogue, or twice, is harmless). Queues held by several partitions, or catalogued
 * elsewhere, are reported, not touched. The partitions registry itself must have been restored first.
 */
public final class Regenerator {

    private static final Logger logger = LoggerFactory.getLogger(Regenerator.class);

    private final Partitions partitions;
    private final Catalogue catalogue;
    private final PartitionQueueSource source;

    public Regenerator(Partitions partitions, Catalogue catalogue, PartitionQueueSource source) {
        this.partitions = requireNonNull(partitions, "partitions");
        this.catalogue = requireNonNull(catalogue, "catalogue");
        this.source = requireNonNull(source, "source");
    }

    public RegenerationReport regenerate() {
        Map<QueueKey, List<String>> claims = new TreeMap<>();
        Map<String, String> failed = new LinkedHashMap<>();
        int scanned = 0;
        for (Partition partition : partitions.list()) {
            try {
                source.queues(partition).forEach(key ->
                        claims.computeIfAbsent(key, k -> new ArrayList<>()).add(partition.name()));
                scanned++;
            } catch (RuntimeException e) {
                logger.warn("regeneration: cannot list the queues of partition {}: {}", partition.name(), e.toString());
                failed.put(partition.name(), e.getMessage() != null ? e.getMessage() : e.toString());
            }
        }
        long created = 0;
        long unchanged = 0;
        List<RegenerationReport.Conflict> conflicts = new ArrayList<>();
        for (Map.Entry<QueueKey, List<String>> claim : claims.entrySet()) {
            QueueKey key = claim.getKey();
            List<String> holders = claim.getValue();
            if (holders.size() > 1) {
                String catalogued = catalogue.lookupFresh(key).map(CatalogueEntry::partition).orElse(null);
                conflicts.add(new RegenerationReport.Conflict(key, holders, catalogued));
                continue;
            }
            String holder = holders.get(0);
            AtomicBoolean placed = new AtomicBoolean();
            CatalogueEntry entry = catalogue.createIfAbsent(key, () -> {
                placed.set(true);
                return holder;
            });
            if (!entry.partition().equals(holder)) {
                conflicts.add(new RegenerationReport.Conflict(key, holders, entry.partition()));
            } else if (placed.get()) {
                created++;
            } else {
                unchanged++;
            }
        }
        logger.info("regeneration: {} partition(s) scanned, {} created, {} unchanged, {} conflict(s), {} failed",
                scanned, created, unchanged, conflicts.size(), failed.size());
        return new RegenerationReport(scanned, created, unchanged, conflicts, failed);
    }
}
