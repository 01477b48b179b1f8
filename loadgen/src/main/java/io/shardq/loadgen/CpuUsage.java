package io.shardq.loadgen;

/**
 * CPU time a process spent during the measured window.
 *
 * @param seconds             user + system CPU seconds
 * @param perThousandRequests CPU seconds per 1,000 requests (successful or not)
 * @param cores               average number of cores busy ({@code seconds / window})
 */
public record CpuUsage(double seconds, double perThousandRequests, double cores) {

    static CpuUsage of(long ticks, int clockTicks, long requests, double windowSeconds) {
        double seconds = (double) ticks / clockTicks;
        double perThousand = requests == 0 ? 0 : seconds * 1000 / requests;
        return new CpuUsage(seconds, perThousand, seconds / windowSeconds);
    }
}
