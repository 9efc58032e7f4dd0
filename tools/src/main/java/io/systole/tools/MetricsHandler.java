package io.systole.tools;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/**
 * Answers one HTTP connection of the metrics endpoint: {@code GET /metrics} (or {@code HEAD}) with
 * the page, {@code /} with a pointer to it, 404 for any other path and 405 for any other method. A
 * malformed or oversized request gets 400 and the connection is closed, as nothing a scraper sends
 * needs more.
 */
final class MetricsHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
  private static final String TEXT = "text/plain; charset=utf-8";

  private final Supplier<String> page;

  MetricsHandler(final Supplier<String> page) {
    this.page = page;
  }

  @Override
  protected void channelRead0(final ChannelHandlerContext ctx, final FullHttpRequest request) {
    if (!request.decoderResult().isSuccess()) {
      reply(ctx, request, HttpResponseStatus.BAD_REQUEST, TEXT, "bad request\n", false);
      return;
    }
    final String uri = request.uri();
    final int query = uri.indexOf('?');
    final String path = query < 0 ? uri : uri.substring(0, query);
    final boolean known = path.equals("/metrics") || path.equals("/");
    final HttpMethod method = request.method();
    if (!known) {
      reply(ctx, request, HttpResponseStatus.NOT_FOUND, TEXT, "not found; try /metrics\n", true);
    } else if (!method.equals(HttpMethod.GET) && !method.equals(HttpMethod.HEAD)) {
      reply(ctx, request, HttpResponseStatus.METHOD_NOT_ALLOWED, TEXT, "use GET\n", true);
    } else if (path.equals("/")) {
      reply(ctx, request, HttpResponseStatus.OK, TEXT, "Systole metrics: /metrics\n", true);
    } else {
      metrics(ctx, request);
    }
  }

  private void metrics(final ChannelHandlerContext ctx, final FullHttpRequest request) {
    final String body;
    try {
      body = page.get();
    } catch (RuntimeException e) {
      // a bug, not the scraper's fault: say so to whoever looks at the failed scrape
      reply(ctx, request, HttpResponseStatus.INTERNAL_SERVER_ERROR, TEXT, e + "\n", false);
      return;
    }
    reply(ctx, request, HttpResponseStatus.OK, Exposition.CONTENT_TYPE, body, true);
  }

  private static void reply(
      final ChannelHandlerContext ctx,
      final FullHttpRequest request,
      final HttpResponseStatus status,
      final String type,
      final String body,
      final boolean canKeepAlive) {
    final byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    final boolean head = request.method().equals(HttpMethod.HEAD);
    final FullHttpResponse response =
        new DefaultFullHttpResponse(
            HttpVersion.HTTP_1_1,
            status,
            head ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(bytes));
    response.headers().set(HttpHeaderNames.CONTENT_TYPE, type);
    response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, bytes.length);
    if (status == HttpResponseStatus.METHOD_NOT_ALLOWED) {
      response.headers().set(HttpHeaderNames.ALLOW, "GET, HEAD");
    }
    final boolean keepAlive = canKeepAlive && HttpUtil.isKeepAlive(request);
    HttpUtil.setKeepAlive(response, keepAlive);
    if (keepAlive) {
      ctx.writeAndFlush(response);
    } else {
      ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }
  }

  @Override
  public void exceptionCaught(final ChannelHandlerContext ctx, final Throwable cause) {
    // a scraper that hung up mid-reply: nothing to tell the operator, the next scrape retries
    ctx.close();
  }
}
