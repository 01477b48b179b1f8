package io.shardq.common.http;

import static java.util.Objects.requireNonNull;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpMessage;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpUtil;
import java.util.function.Supplier;

/**
 * Aggregates request bodies (Content-Length or chunked) as Zaqar reads them: a request that declared a
 * body ends up with its real Content-Length, one that declared none keeps none (Zaqar answers "Request
 * body can not be empty" only then), and an oversized one gets {@code tooLarge} and a closed connection.
 */
public final class ZaqarAggregator extends HttpObjectAggregator {

    private final Supplier<FullHttpResponse> tooLarge;
    /** Whether the request being aggregated declared a body; touched by the channel's event loop only. */
    private boolean declaredBody;

    public ZaqarAggregator(int maxBytes, Supplier<FullHttpResponse> tooLarge) {
        super(maxBytes, true);
        this.tooLarge = requireNonNull(tooLarge, "tooLarge");
    }

    @Override
    protected FullHttpMessage beginAggregation(HttpMessage start, ByteBuf content) throws Exception {
        declaredBody = HttpUtil.isContentLengthSet(start) || HttpUtil.isTransferEncodingChunked(start);
        return super.beginAggregation(start, content);
    }

    /** Sets Content-Length to the aggregated size only for requests that declared a body. */
    @Override
    protected void finishAggregation(FullHttpMessage aggregated) throws Exception {
        if (declaredBody) {
            super.finishAggregation(aggregated);
        }
    }

    @Override
    protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
        ctx.writeAndFlush(tooLarge.get()).addListener(ChannelFutureListener.CLOSE);
    }
}
