package io.shardq.migration;

import io.shardq.partition.storage.ClaimStore;
import io.shardq.partition.storage.ExportPage;
import io.shardq.partition.storage.FenceStore;
import io.shardq.partition.storage.MessageState;
import io.shardq.partition.storage.MessageStore;
import io.shardq.partition.storage.QueueRef;
import io.shardq.partition.storage.QueueStore;
import io.shardq.partition.storage.QueueTransfer;
import io.shardq.partition.storage.StatePage;
import io.shardq.partition.storage.Storage;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** A storage whose transfer accepts import pages and drops them: a destination where no repair ever lands. */
final class IgnoringImports implements Storage, QueueTransfer {

    private final Storage delegate;

    IgnoringImports(Storage delegate) {
        this.delegate = delegate;
    }

    @Override
    public CompletionStage<Void> importPage(QueueRef ref, ExportPage page) {
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletionStage<ExportPage> export(QueueRef ref, long afterPosition, int limit) {
        return delegate.transfer().export(ref, afterPosition, limit);
    }

    @Override
    public CompletionStage<StatePage> states(QueueRef ref, long afterPosition, int limit) {
        return delegate.transfer().states(ref, afterPosition, limit);
    }

    @Override
    public CompletionStage<Void> applyStates(QueueRef ref, List<MessageState> states) {
        return delegate.transfer().applyStates(ref, states);
    }

    @Override
    public CompletionStage<Void> deleteMessages(QueueRef ref, List<String> ids) {
        return delegate.transfer().deleteMessages(ref, ids);
    }

    @Override
    public CompletionStage<Void> drop(QueueRef ref, boolean keepFence) {
        return delegate.transfer().drop(ref, keepFence);
    }

    @Override
    public CompletionStage<List<QueueRef>> queues(QueueRef after, int limit) {
        return delegate.transfer().queues(after, limit);
    }

    @Override
    public QueueStore queues() {
        return delegate.queues();
    }

    @Override
    public MessageStore messages() {
        return delegate.messages();
    }

    @Override
    public ClaimStore claims() {
        return delegate.claims();
    }

    @Override
    public FenceStore fences() {
        return delegate.fences();
    }

    @Override
    public QueueTransfer transfer() {
        return this;
    }

    @Override
    public CompletionStage<Boolean> isAlive() {
        return delegate.isAlive();
    }

    @Override
    public void close() {
        delegate.close();
    }
}
