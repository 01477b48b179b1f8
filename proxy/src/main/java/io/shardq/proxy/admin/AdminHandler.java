package io.shardq.proxy.admin;

import static java.util.Objects.requireNonNull;

import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.shardq.catalogue.CatalogueStore;
import io.shardq.catalogue.EntryNotFoundException;
import io.shardq.catalogue.InvalidCatalogueValueException;
import io.shardq.catalogue.MigrationConflictException;
import io.shardq.catalogue.MigrationNotFoundException;
import io.shardq.catalogue.NoEligiblePartitionException;
import io.shardq.catalogue.PartitionInUseException;
import io.shardq.catalogue.PartitionNotFoundException;
import io.shardq.catalogue.VersionConflictException;
import io.shardq.common.metrics.PrometheusText;
import io.shardq.common.zaqar.HttpError;
import io.shardq.common.zaqar.QueryParams;
import io.shardq.proxy.http.ProxyErrorMapper;
import io.shardq.proxy.http.Responses;
import io.shardq.proxy.migration.AgentClients;
import io.shardq.proxy.migration.MigrationCoordinator;
import io.shardq.proxy.routing.PartitionDirectory;
import io.shardq.proxy.upstream.Upstreams;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * The admin listener's handler: checks the bearer token, then serves partitions, catalogue, migrations,
 * health and metrics. Work that touches MongoDB runs on {@code blocking}, never on the event loop.
 */
@Sharable
public final class AdminHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

    private static final String BEARER = "Bearer ";

    private final byte[] token;
    private final PartitionsAdmin partitions;
    private final CatalogueAdmin catalogue;
    private final HealthAdmin health;
    private final MigrationsAdmin migrations;
    private final RegenerationAdmin regeneration;
    private final PrometheusText metrics;
    private final ProxyErrorMapper errors;
    private final Executor blocking;

    public AdminHandler(String token, CatalogueStore store, PartitionDirectory directory, Upstreams upstreams,
                        MigrationCoordinator coordinator, AgentClients agents, PrometheusText metrics,
                        ProxyErrorMapper errors, Executor blocking) {
        this.token = requireNonNull(token, "token").getBytes(StandardCharsets.UTF_8);
        this.partitions = new PartitionsAdmin(store.partitions(), store.catalogue(), directory);
        this.catalogue = new CatalogueAdmin(store.catalogue());
        this.health = new HealthAdmin(directory, upstreams, store);
        this.migrations = new MigrationsAdmin(coordinator);
        this.regeneration = new RegenerationAdmin(store, new AgentQueueSource(agents));
        this.metrics = requireNonNull(metrics, "metrics");
        this.errors = requireNonNull(errors, "errors");
        this.blocking = requireNonNull(blocking, "blocking");
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        String uri = request.uri();
        int queryAt = uri.indexOf('?');
        String path = queryAt < 0 ? uri : uri.substring(0, queryAt);
        AdminRequest admin = new AdminRequest(request.method().name(), path, segments(path),
                QueryParams.parse(queryAt < 0 ? null : uri.substring(queryAt + 1)), request.headers().copy(),
                ByteBufUtil.getBytes(request.content()));
        String authorization = request.headers().get(HttpHeaderNames.AUTHORIZATION);
        CompletableFuture.supplyAsync(() -> answer(admin, authorization), blocking)
                .exceptionally(this::mapFailure)
                .thenAccept(response -> write(ctx, response, keepAlive));
    }

    private static String[] segments(String path) {
        String trimmed = path.startsWith("/v2/") ? path.substring(4) : path.substring(1);
        return trimmed.isEmpty() ? new String[0] : trimmed.split("/");
    }

    private FullHttpResponse answer(AdminRequest request, String authorization) {
        if (request.path().equals("/metrics")) {
            return Responses.bytes(HttpResponseStatus.OK, metrics.render().getBytes(StandardCharsets.UTF_8),
                    PrometheusText.CONTENT_TYPE);
        }
        if (!authorized(authorization)) {
            throw HttpError.of(HttpResponseStatus.UNAUTHORIZED, "Unauthorized",
                    "The admin API needs the header Authorization: Bearer <admin token>.")
                    .withHeader("WWW-Authenticate", "Bearer");
        }
        if (!request.path().startsWith("/v2/") || request.segments().length == 0) {
            throw HttpError.routeNotFound();
        }
        return switch (request.segments()[0]) {
            case "partitions" -> partitions.handle(request);
            case "catalogue" -> catalogue.handle(request);
            case "health" -> health.handle(request);
            case "migrations" -> migrations.handle(request);
            case "regenerate" -> regeneration.handle(request);
            default -> throw HttpError.routeNotFound();
        };
    }

    private boolean authorized(String header) {
        // the auth-scheme is case-insensitive (RFC 9110 §11.1)
        if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return false;
        }
        return MessageDigest.isEqual(token, header.substring(BEARER.length()).trim().getBytes(StandardCharsets.UTF_8));
    }

    private FullHttpResponse mapFailure(Throwable failure) {
        Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof PartitionNotFoundException || cause instanceof MigrationNotFoundException
                || cause instanceof EntryNotFoundException) {
            return errors.render(HttpError.notFound(cause.getMessage()));
        }
        if (cause instanceof PartitionInUseException || cause instanceof MigrationConflictException
                || cause instanceof NoEligiblePartitionException || cause instanceof VersionConflictException) {
            return errors.render(HttpError.conflict(cause.getMessage()));
        }
        if (cause instanceof InvalidCatalogueValueException) {
            return errors.render(HttpError.invalidBody(cause.getMessage()));
        }
        return errors.map(cause);
    }

    private static void write(ChannelHandlerContext ctx, FullHttpResponse response, boolean keepAlive) {
        if (response.status().code() != 204) {
            response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes());
        }
        if (!keepAlive) {
            response.headers().set(HttpHeaderNames.CONNECTION, "close");
        }
        ctx.writeAndFlush(response).addListener(keepAlive ? ChannelFutureListener.CLOSE_ON_FAILURE
                : ChannelFutureListener.CLOSE);
    }
}
