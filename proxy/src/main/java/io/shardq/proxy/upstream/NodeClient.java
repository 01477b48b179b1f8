package io.shardq.proxy.upstream;

import static java.util.Objects.requireNonNull;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.pool.AbstractChannelPoolHandler;
import io.netty.channel.pool.ChannelHealthChecker;
import io.netty.channel.pool.FixedChannelPool;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.util.concurrent.Future;
import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Pooled keep-alive HTTP/1.1 connections to one partition node, all on one event loop. At most
 * {@code maxConnectionsPerNode} connections, at most {@code maxPendingPerNode} waiting requests; each
 * request holds a connection until its whole answer arrived or its timeout fired.
 */
public final class NodeClient implements AutoCloseable {

    private final URI node;
    private final FixedChannelPool pool;
    private final UpstreamConfig config;

    public NodeClient(URI node, EventLoopGroup loop, UpstreamConfig config) {
        this.node = requireNonNull(node, "node");
        this.config = requireNonNull(config, "config");
        Bootstrap bootstrap = new Bootstrap().group(loop)
                .channel(Epoll.isAvailable() ? EpollSocketChannel.class : NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, config.connectTimeoutMillis())
                .remoteAddress(node.getHost(), node.getPort());
        this.pool = new FixedChannelPool(bootstrap, new AbstractChannelPoolHandler() {
            @Override
            public void channelCreated(Channel channel) {
                channel.pipeline().addLast(new HttpClientCodec());
                channel.pipeline().addLast(new HttpObjectAggregator(config.maxResponseBytes()));
                channel.pipeline().addLast(new ResponseHandler(node));
            }
        }, ChannelHealthChecker.ACTIVE, FixedChannelPool.AcquireTimeoutAction.FAIL,
                config.connectTimeoutMillis() + config.responseTimeoutMillis(), config.maxConnectionsPerNode(),
                config.maxPendingPerNode(), true, true);
    }

    public URI node() {
        return node;
    }

    /** Sends {@code request} (ownership passes to this method) and completes with the node's whole answer. */
    public CompletableFuture<FullHttpResponse> send(FullHttpRequest request) {
        CompletableFuture<FullHttpResponse> answer = new CompletableFuture<>();
        pool.acquire().addListener((Future<Channel> acquired) -> {
            if (!acquired.isSuccess()) {
                request.release();
                answer.completeExceptionally(new UpstreamException(node, false, "no connection", acquired.cause()));
                return;
            }
            exchange(acquired.getNow(), request, answer);
        });
        return answer;
    }

    private void exchange(Channel channel, FullHttpRequest request, CompletableFuture<FullHttpResponse> answer) {
        ResponseHandler handler = channel.pipeline().get(ResponseHandler.class);
        handler.expect(answer);
        var timeout = channel.eventLoop().schedule(() -> {
            if (answer.completeExceptionally(new UpstreamException(node, true, "no answer within "
                    + config.responseTimeoutMillis() + " ms", null))) {
                channel.close();
            }
        }, config.responseTimeoutMillis(), TimeUnit.MILLISECONDS);
        answer.whenComplete((response, failure) -> {
            timeout.cancel(false);
            if (failure != null || !io.netty.handler.codec.http.HttpUtil.isKeepAlive(response)) {
                channel.close();
            }
            pool.release(channel);
        });
        ChannelFuture written = channel.writeAndFlush(request);
        written.addListener(write -> {
            if (!write.isSuccess()) {
                answer.completeExceptionally(new UpstreamException(node, false, "write failed", write.cause()));
            }
        });
    }

    /** Closes the pool; a no-op when its event loop has already shut down (and with it every connection). */
    @Override
    public void close() {
        try {
            pool.close();
        } catch (java.util.concurrent.RejectedExecutionException alreadyStopped) {
            // the event loop is gone, and its channels were closed with it
        }
    }
}
