package io.shardq.catalogue.bench;

import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the catalogue-store benchmarks (see {@code scripts/bench-catalogue}): the JMH lookup benchmark, short
 * (1 fork, 3 × 1 s warm-up, 5 × 1 s measurement; the machine is shared), then the local-cache footprint.
 * Arguments: {@code --footprint-only} or {@code --jmh-only}.
 */
public final class CatalogueBenchmarks {

    private CatalogueBenchmarks() {
    }

    public static void main(String[] args) throws RunnerException {
        boolean jmh = args.length == 0 || "--jmh-only".equals(args[0]);
        boolean footprint = args.length == 0 || "--footprint-only".equals(args[0]);
        if (jmh) {
            Options options = new OptionsBuilder()
                    .include(CatalogueLookupBenchmark.class.getSimpleName())
                    .forks(1)
                    .warmupIterations(3).warmupTime(TimeValue.seconds(1))
                    .measurementIterations(5).measurementTime(TimeValue.seconds(1))
                    .jvmArgsAppend("-Xmx1g")
                    .build();
            new Runner(options).run();
        }
        if (footprint) {
            LocalCacheFootprint.run();
        }
    }
}
