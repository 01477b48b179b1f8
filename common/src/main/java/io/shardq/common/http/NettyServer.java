package io.shardq.common.http;

import static java.util.Objects.requireNonNull;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Binds one listening socket (port 0 allowed) with its own boss and worker event loops, exposes the
 * bound port, and shuts the loops down gracefully in {@link #stop()}. Uses epoll where available.
 */
public final class NettyServer implements AutoCloseable {

    private static final Logger logger = LoggerFactory.getLogger(NettyServer.class);
    private static final int BACKLOG = 1024;

    private final String name;
    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private final Channel channel;

    private NettyServer(String name, EventLoopGroup boss, EventLoopGroup workers, Channel channel) {
        this.name = name;
        this.boss = boss;
        this.workers = workers;
        this.channel = channel;
    }

    /**
     * Binds {@code host:port} and returns once the socket listens.
     *
     * @param name    thread-name prefix and log label
     * @param threads worker event loops; 0 means Netty's default (2 × cores)
     */
    public static NettyServer bind(String name, String host, int port, int threads,
                                   ChannelInitializer<SocketChannel> initializer) throws InterruptedException {
        requireNonNull(initializer, "initializer");
        boolean epoll = Epoll.isAvailable();
        EventLoopGroup boss = group(epoll, 1, name + "-accept");
        EventLoopGroup workers = group(epoll, threads, name + "-io");
        try {
            Channel channel = new ServerBootstrap()
                    .group(boss, workers)
                    .channel(epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class)
                    .option(ChannelOption.SO_BACKLOG, BACKLOG)
                    .option(ChannelOption.SO_REUSEADDR, true)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(initializer)
                    .bind(host, port).sync().channel();
            NettyServer server = new NettyServer(name, boss, workers, channel);
            logger.info("{} listening on {}:{}", name, host, server.port());
            return server;
        } catch (InterruptedException | RuntimeException e) {
            boss.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            workers.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            throw e;
        }
    }

    /** A group of event loops (epoll where available) for clients, e.g. a proxy's upstream connections. */
    public static EventLoopGroup eventLoops(int threads, String prefix) {
        return group(Epoll.isAvailable(), threads, prefix);
    }

    private static EventLoopGroup group(boolean epoll, int threads, String prefix) {
        DefaultThreadFactory factory = new DefaultThreadFactory(prefix, true);
        return epoll ? new EpollEventLoopGroup(threads, factory) : new NioEventLoopGroup(threads, factory);
    }

    /** The port actually bound (useful when 0 was asked for). */
    public int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    /** Stops accepting, then lets in-flight work finish for up to {@code quietMillis}. */
    public void stop(long quietMillis) {
        channel.close().syncUninterruptibly();
        boss.shutdownGracefully(0, quietMillis, TimeUnit.MILLISECONDS).syncUninterruptibly();
        workers.shutdownGracefully(Math.min(quietMillis, 100), quietMillis, TimeUnit.MILLISECONDS)
                .syncUninterruptibly();
        logger.info("{} stopped", name);
    }

    @Override
    public void close() {
        stop(2_000);
    }
}
