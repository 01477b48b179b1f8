package io.shardq.catalogue.bench;

import io.shardq.catalogue.QueueKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Realistic keys: Keystone-style 32-hex project ids, {@code queue-NNNNNN} names. */
final class BenchKeys {

    private BenchKeys() {
    }

    static List<QueueKey> keys(int projects, int queuesPerProject) {
        List<QueueKey> keys = new ArrayList<>(projects * queuesPerProject);
        for (int p = 0; p < projects; p++) {
            String project = String.format(Locale.ROOT, "%032x", (long) p * 0x9E3779B97F4A7C15L);
            for (int q = 0; q < queuesPerProject; q++) {
                keys.add(QueueKey.of(project, String.format(Locale.ROOT, "queue-%06d", q)));
            }
        }
        return keys;
    }
}
