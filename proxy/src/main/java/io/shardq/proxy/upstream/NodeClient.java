package io.shardq.proxy.upstream;

import static java.util.Objects.requireNonNull;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpUtil;
import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Pooled keep-alive HTTP/1.1 connections to one partition node, all on one event loop. At most
 * {@code maxConnectionsPerNode} connections, at most {@code maxPendingPerNode} waiting requests; each
 * request holds a connection until its whole answer arrived or its timeout fired.
 */
public final class NodeClient implements AutoCloseable {

    private final URI node;
    private final EventLoop loop;
    private final UpstreamConfig config;
    private final ConnectionPool pool;

    public NodeClient(URI node, EventLoop loop, UpstreamConfig config) {
        this.node = requireNonNull(node, "node");
        this.loop = requireNonNull(loop, "loop");
        this.config = requireNonNull(config, "config");
        Bootstrap bootstrap = new Bootstrap().group(loop)
                .channel(Epoll.isAvailable() ? EpollSocketChannel.class : NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, config.connectTimeoutMillis())
                .remoteAddress(node.getHost(), node.getPort())
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel channel) {
                        channel.pipeline().addLast(new HttpClientCodec());
                        channel.pipeline().addLast(new HttpObjectAggregator(config.maxResponseBytes()));
                        channel.pipeline().addLast(new ResponseHandler(node));
                    }
                });
        this.pool = new ConnectionPool(bootstrap, loop, config.maxConnectionsPerNode(), config.maxPendingPerNode(),
                config.connectTimeoutMillis() + config.responseTimeoutMillis());
    }

    public URI node() {
        return node;
    }

    /** Sends {@code request} (ownership passes to this method) and completes with the node's whole answer. */
    public CompletableFuture<FullHttpResponse> send(FullHttpRequest request) {
        Exchange exchange = new Exchange(request);
        if (loop.inEventLoop()) {
            pool.acquire(exchange);
        } else {
            try {
                loop.execute(() -> pool.acquire(exchange));
            } catch (RejectedExecutionException stopped) {
                exchange.refused("the event loop has stopped", stopped);
            }
        }
        return exchange.answer;
    }

    /** One request on one connection, from the pool's grant to the connection's release. */
    private final class Exchange implements ConnectionPool.Lease {
        final FullHttpRequest request;
        final CompletableFuture<FullHttpResponse> answer = new CompletableFuture<>();

        Exchange(FullHttpRequest request) {
            this.request = request;
        }

        @Override
        public void granted(Channel channel) {
            channel.pipeline().get(ResponseHandler.class).expect(answer);
            var timeout = loop.schedule(() -> {
                if (answer.completeExceptionally(new UpstreamException(node, true, "no answer within "
                        + config.responseTimeoutMillis() + " ms", null))) {
                    channel.close();
                }
            }, config.responseTimeoutMillis(), TimeUnit.MILLISECONDS);
            answer.whenComplete((response, failure) -> {
                timeout.cancel(false);
                pool.release(channel, failure == null && HttpUtil.isKeepAlive(response));
            });
            channel.writeAndFlush(request).addListener(write -> {
                if (!write.isSuccess()) {
                    answer.completeExceptionally(new UpstreamException(node, false, "write failed", write.cause()));
                }
            });
        }

        @Override
        public void refused(String why, Throwable cause) {
            request.release();
            answer.completeExceptionally(new UpstreamException(node, false, "no connection: " + why, cause));
        }
    }

    /** Closes the pool; a no-op when its event loop has already shut down (and with it every connection). */
    @Override
    public void close() {
        try {
            loop.execute(pool::close);
        } catch (RejectedExecutionException alreadyStopped) {
            // the event loop is gone, and its channels were closed with it
        }
    }
}
