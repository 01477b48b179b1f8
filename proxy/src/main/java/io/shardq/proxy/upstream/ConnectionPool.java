package io.shardq.proxy.upstream;

import static java.util.Objects.requireNonNull;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;

/**
 * Keep-alive connections to one node, all on one event loop, and touched by that loop only: an idle
 * connection is reused newest first (so the fewest stay in use); at most {@code maxConnections} are open
 * or opening; beyond that, up to {@code maxPending} requests wait, each at most {@code acquireTimeoutMillis},
 * for one to be released. Netty's {@code FixedChannelPool} does the same for any thread, at the price of
 * promises, listeners and channel-attribute lookups on every acquire and release.
 */
final class ConnectionPool {

    /** Who asked for a connection: called back on the pool's event loop. */
    interface Lease {
        void granted(Channel channel);

        void refused(String why, Throwable cause);
    }

    private final Bootstrap bootstrap;
    private final EventLoop loop;
    private final int maxConnections;
    private final int maxPending;
    private final long acquireTimeoutMillis;
    private final ArrayDeque<Channel> idle = new ArrayDeque<>();
    private final ArrayDeque<Waiter> waiting = new ArrayDeque<>();
    /** Connections open or being opened. */
    private int open;
    private boolean closed;

    /** {@code bootstrap} is bound to {@code loop} and sets up each new connection's pipeline. */
    ConnectionPool(Bootstrap bootstrap, EventLoop loop, int maxConnections, int maxPending, long acquireTimeoutMillis) {
        this.bootstrap = requireNonNull(bootstrap, "bootstrap");
        this.loop = requireNonNull(loop, "loop");
        this.maxConnections = maxConnections;
        this.maxPending = maxPending;
        this.acquireTimeoutMillis = acquireTimeoutMillis;
    }

    /** On the pool's loop: grants a connection now, or when one frees up, or refuses. */
    void acquire(Lease lease) {
        if (closed) {
            lease.refused("the pool is closed", null);
            return;
        }
        Channel channel;
        while ((channel = idle.pollLast()) != null) {
            if (channel.isActive()) {
                lease.granted(channel);
                return;
            }
        }
        if (open < maxConnections) {
            connect(lease);
        } else if (waiting.size() < maxPending) {
            waiting.addLast(new Waiter(lease));
        } else {
            lease.refused(maxPending + " requests already wait for one of " + maxConnections + " connections", null);
        }
    }

    /** On the pool's loop: gives a granted connection back; one that cannot carry another request is closed. */
    void release(Channel channel, boolean reusable) {
        if (!reusable || closed || !channel.isActive()) {
            channel.close();
            return;
        }
        Waiter next = waiting.pollFirst();
        if (next != null) {
            next.grant(channel);
        } else {
            idle.addLast(channel);
        }
    }

    /** On the pool's loop: closes the idle connections and refuses waiting and later requests. */
    void close() {
        closed = true;
        Channel channel;
        while ((channel = idle.pollFirst()) != null) {
            channel.close(); // its close listener removes it from idle: take it out first
        }
        Waiter waiter;
        while ((waiter = waiting.pollFirst()) != null) {
            waiter.timeout.cancel(false);
            waiter.lease.refused("the pool is closed", null);
        }
    }

    private void connect(Lease lease) {
        open++;
        ChannelFuture connecting = bootstrap.connect();
        Channel channel = connecting.channel();
        connecting.addListener(done -> {
            if (done.isSuccess()) {
                channel.closeFuture().addListener(gone -> closed(channel));
                lease.granted(channel);
                return;
            }
            open--;
            if (channel.isRegistered()) {
                channel.close();
            }
            lease.refused("cannot connect", done.cause());
            connectForNextWaiter();
        });
    }

    private void closed(Channel channel) {
        open--;
        idle.remove(channel);
        connectForNextWaiter();
    }

    private void connectForNextWaiter() {
        if (!closed && open < maxConnections && !waiting.isEmpty()) {
            Waiter next = waiting.pollFirst();
            next.timeout.cancel(false);
            connect(next.lease);
        }
    }

    /** A request waiting for a connection, refused when none frees up in time. */
    private final class Waiter {
        final Lease lease;
        final ScheduledFuture<?> timeout;

        Waiter(Lease lease) {
            this.lease = lease;
            this.timeout = loop.schedule(() -> {
                if (waiting.remove(this)) {
                    lease.refused("no connection freed up within " + acquireTimeoutMillis + " ms", null);
                }
            }, acquireTimeoutMillis, TimeUnit.MILLISECONDS);
        }

        void grant(Channel channel) {
            timeout.cancel(false);
            lease.granted(channel);
        }
    }
}
