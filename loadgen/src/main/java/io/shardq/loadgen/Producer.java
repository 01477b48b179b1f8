package io.shardq.loadgen;

import java.util.List;

/** zaqar-bench's producer: posts one message per request to a random queue. */
final class Producer extends Worker {

    private final byte[] document;

    Producer(ZaqarApi api, List<String> queues, RunClock clock, byte[] document) {
        super(api, queues, clock);
        this.document = document.clone();
    }

    @Override
    protected void step() {
        String queue = randomQueue();
        timed(Op.POST, () -> api.postMessages(queue, document));
    }
}
