package io.shardq.loadgen;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The result of one run.
 *
 * @param url             the target
 * @param producers       producer workers
 * @param consumers       consumer workers
 * @param observers       observer workers
 * @param offeredRate     requests per second offered ({@code --rate}); 0 when unpaced
 * @param queues          queue names used
 * @param durationSeconds measured time
 * @param operations      one line per operation, in {@link Op} order
 * @param total           all operations together
 * @param claimedMessages messages handed out by successful claims
 * @param emptyClaims     claims that found nothing (204)
 * @param serverCpu       the server's CPU over the window, when {@code --server-pid} was given
 * @param clientCpu       the load generator's own CPU over the window, when readable
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Report(String url, int producers, int consumers, int observers, int offeredRate, List<String> queues,
                     double durationSeconds, List<OpReport> operations, OpReport total, long claimedMessages,
                     long emptyClaims, CpuUsage serverCpu, CpuUsage clientCpu) {

    public Report {
        queues = List.copyOf(queues);
        operations = List.copyOf(operations);
    }

    /** All requests of the window, successful or not. */
    public long requests() {
        return total.count() + total.errorCount();
    }
}
