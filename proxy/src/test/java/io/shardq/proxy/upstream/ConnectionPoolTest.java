package io.shardq.proxy.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.DefaultEventLoopGroup;
import io.netty.channel.EventLoop;
import io.netty.channel.local.LocalAddress;
import io.netty.channel.local.LocalChannel;
import io.netty.channel.local.LocalServerChannel;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The pool against Netty's in-VM transport: a local server that counts the connections it accepts. */
class ConnectionPoolTest {

    private final DefaultEventLoopGroup group = new DefaultEventLoopGroup(1);
    private final EventLoop loop = group.next();
    private final AtomicInteger accepted = new AtomicInteger();
    private LocalAddress address;
    private Channel server;

    @BeforeEach
    void startServer() throws InterruptedException {
        address = new LocalAddress("pool-test-" + System.nanoTime());
        server = new ServerBootstrap().group(group).channel(LocalServerChannel.class)
                .childHandler(new ChannelInitializer<LocalChannel>() {
                    @Override
                    protected void initChannel(LocalChannel channel) {
                        accepted.incrementAndGet();
                        channel.pipeline().addLast(new ChannelInboundHandlerAdapter());
                    }
                }).bind(address).sync().channel();
    }

    @AfterEach
    void stop() {
        server.close().syncUninterruptibly();
        group.shutdownGracefully(0, 0, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private ConnectionPool pool(LocalAddress target, int maxConnections, int maxPending, long timeoutMillis) {
        Bootstrap bootstrap = new Bootstrap().group(loop).channel(LocalChannel.class).remoteAddress(target)
                .handler(new ChannelInitializer<LocalChannel>() {
                    @Override
                    protected void initChannel(LocalChannel channel) {
                        channel.pipeline().addLast(new ChannelInboundHandlerAdapter());
                    }
                });
        return new ConnectionPool(bootstrap, loop, maxConnections, maxPending, timeoutMillis);
    }

    /** A lease as a future: the granted channel, or an exception carrying the refusal. */
    private static final class Ask extends CompletableFuture<Channel> implements ConnectionPool.Lease {
        @Override
        public void granted(Channel channel) {
            complete(channel);
        }

        @Override
        public void refused(String why, Throwable cause) {
            completeExceptionally(new IllegalStateException(why, cause));
        }
    }

    private Ask acquire(ConnectionPool pool) throws Exception {
        Ask ask = new Ask();
        onLoop(() -> {
            pool.acquire(ask);
            return null;
        });
        return ask;
    }

    private <T> T onLoop(Callable<T> task) throws Exception {
        return loop.submit(task).get(5, TimeUnit.SECONDS);
    }

    private static Channel granted(Ask ask) throws Exception {
        return ask.get(5, TimeUnit.SECONDS);
    }

    @Test
    void aReleasedConnectionIsReusedRatherThanANewOneOpened() throws Exception {
        ConnectionPool pool = pool(address, 4, 4, 1000);
        Channel first = granted(acquire(pool));
        onLoop(() -> {
            pool.release(first, true);
            return null;
        });

        Channel second = granted(acquire(pool));

        assertThat(second).isSameAs(first);
        assertThat(accepted).hasValue(1);
    }

    @Test
    void aRequestWaitsForAReleaseWhenEveryConnectionIsBusy() throws Exception {
        ConnectionPool pool = pool(address, 1, 4, 5000);
        Channel busy = granted(acquire(pool));
        Ask waiting = acquire(pool);
        assertThat(waiting).isNotDone();

        onLoop(() -> {
            pool.release(busy, true);
            return null;
        });

        assertThat(granted(waiting)).isSameAs(busy);
        assertThat(accepted).hasValue(1);
    }

    @Test
    void aConnectionThatCannotBeReusedIsReplacedForTheNextWaiter() throws Exception {
        ConnectionPool pool = pool(address, 1, 4, 5000);
        Channel busy = granted(acquire(pool));
        Ask waiting = acquire(pool);

        onLoop(() -> {
            pool.release(busy, false);
            return null;
        });

        Channel fresh = granted(waiting);
        assertThat(fresh).isNotSameAs(busy);
        assertThat(busy.closeFuture().await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(accepted).hasValue(2);
    }

    @Test
    void beyondTheWaitingLimitRequestsAreRefusedAtOnce() throws Exception {
        ConnectionPool pool = pool(address, 1, 1, 5000);
        granted(acquire(pool));
        Ask waiting = acquire(pool);

        Ask refused = acquire(pool);

        assertThatThrownBy(() -> refused.get(1, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .hasMessageContaining("1 requests already wait for one of 1 connections");
        assertThat(waiting).isNotDone();
    }

    @Test
    void aWaitingRequestIsRefusedAfterTheAcquireTimeout() throws Exception {
        ConnectionPool pool = pool(address, 1, 4, 50);
        granted(acquire(pool));

        Ask waiting = acquire(pool);

        assertThatThrownBy(() -> waiting.get(5, TimeUnit.SECONDS)).hasMessageContaining("within 50 ms");
    }

    @Test
    void anUnreachableNodeIsRefusedWithTheConnectFailure() throws Exception {
        ConnectionPool pool = pool(new LocalAddress("nobody-listens-here"), 1, 4, 5000);

        Ask ask = acquire(pool);

        assertThatThrownBy(() -> ask.get(5, TimeUnit.SECONDS)).hasMessageContaining("cannot connect");
        Ask again = acquire(pool);
        assertThatThrownBy(() -> again.get(5, TimeUnit.SECONDS)).as("the failed attempt freed its slot")
                .hasMessageContaining("cannot connect");
    }

    @Test
    void closingClosesIdleConnectionsAndRefusesWaitingAndLaterRequests() throws Exception {
        ConnectionPool pool = pool(address, 2, 4, 5000);
        Channel idle = granted(acquire(pool));
        Channel busy = granted(acquire(pool));
        onLoop(() -> {
            pool.release(idle, true);
            return null;
        });
        Ask first = acquire(pool);
        assertThat(granted(first)).isSameAs(idle);
        Ask waiting = acquire(pool);

        onLoop(() -> {
            pool.close();
            return null;
        });

        assertThatThrownBy(() -> waiting.get(5, TimeUnit.SECONDS)).hasMessageContaining("closed");
        assertThatThrownBy(() -> acquire(pool).get(5, TimeUnit.SECONDS)).hasMessageContaining("closed");
        onLoop(() -> {
            pool.release(busy, true);
            return null;
        });
        assertThat(busy.closeFuture().await(5, TimeUnit.SECONDS)).as("released after close: closed").isTrue();
    }
}
