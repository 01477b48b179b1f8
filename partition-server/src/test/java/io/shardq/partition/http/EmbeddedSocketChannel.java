package io.shardq.partition.http;

import io.netty.channel.ChannelConfig;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelPromise;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.ServerSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.SocketChannelConfig;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.InetSocketAddress;

/**
 * An {@link EmbeddedChannel} that passes for a {@link SocketChannel}, so that a
 * {@code ChannelInitializer<SocketChannel>} can build its real pipeline on it without any socket.
 * Socket-only options read as zero/false; every {@link ChannelConfig} option goes to the embedded config.
 */
final class EmbeddedSocketChannel extends EmbeddedChannel implements SocketChannel {

    private static final InetSocketAddress LOCAL = InetSocketAddress.createUnresolved("partition.test", 8888);
    private static final InetSocketAddress REMOTE = InetSocketAddress.createUnresolved("client.test", 40000);

    /** Built lazily: the super constructor already asks for it when it fires channelActive. */
    private SocketChannelConfig socketConfig;

    EmbeddedSocketChannel(ChannelHandler... handlers) {
        super(handlers);
    }

    @Override
    public SocketChannelConfig config() {
        if (socketConfig == null) {
            socketConfig = socketConfigOver(super.config());
        }
        return socketConfig;
    }

    private static SocketChannelConfig socketConfigOver(ChannelConfig delegate) {
        return (SocketChannelConfig) Proxy.newProxyInstance(EmbeddedSocketChannel.class.getClassLoader(),
                new Class<?>[] {SocketChannelConfig.class}, (proxy, method, args) -> {
                    if (method.getDeclaringClass() == Object.class) {
                        return method.getName().equals("equals") ? proxy == args[0]
                                : method.getName().equals("hashCode") ? System.identityHashCode(proxy)
                                : "SocketChannelConfig over " + delegate;
                    }
                    Method target;
                    try {
                        target = ChannelConfig.class.getMethod(method.getName(), method.getParameterTypes());
                    } catch (NoSuchMethodException socketOnly) {
                        return socketOnlyDefault(method.getReturnType(), proxy);
                    }
                    try {
                        Object result = target.invoke(delegate, args);
                        return result == delegate ? proxy : result;
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private static Object socketOnlyDefault(Class<?> type, Object proxy) {
        if (type == boolean.class) {
            return false;
        }
        if (type == int.class) {
            return 0;
        }
        return type.isInstance(proxy) ? proxy : null;
    }

    @Override
    public ServerSocketChannel parent() {
        return null;
    }

    @Override
    public InetSocketAddress localAddress() {
        return LOCAL;
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return REMOTE;
    }

    @Override
    public boolean isInputShutdown() {
        return !isOpen();
    }

    @Override
    public ChannelFuture shutdownInput() {
        return close();
    }

    @Override
    public ChannelFuture shutdownInput(ChannelPromise promise) {
        return close(promise);
    }

    @Override
    public boolean isOutputShutdown() {
        return !isOpen();
    }

    @Override
    public ChannelFuture shutdownOutput() {
        return close();
    }

    @Override
    public ChannelFuture shutdownOutput(ChannelPromise promise) {
        return close(promise);
    }

    @Override
    public boolean isShutdown() {
        return !isOpen();
    }

    @Override
    public ChannelFuture shutdown() {
        return close();
    }

    @Override
    public ChannelFuture shutdown(ChannelPromise promise) {
        return close(promise);
    }
}
