package uz.hisob.platform.web;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import reactor.netty.NettyPipeline;
import tools.jackson.databind.json.JsonMapper;

import java.util.Map;

/**
 * Refusals that happen before Spring sees a request still answer problem+json (common.md): Netty refuses an
 * over-long request line (414), over-large headers (431) or a request it cannot parse (400), and the WebFlux adapter
 * refuses a URI it cannot parse (400) — each with an empty body of its own. This handler sits right behind Netty's
 * HTTP codec and gives exactly those answers (an error status, no body, no content type) a problem body; every answer
 * the services write themselves already has one and passes untouched.
 */
@Configuration(proxyBeanMethods = false)
public class NettyProblems {

    @Bean
    NettyServerCustomizer problemBodiesForRefusedRequests(JsonMapper json) {
        return server -> server.doOnChannelInit((observer, channel, remote) -> {
            if (channel.pipeline().get(NettyPipeline.HttpCodec) != null) {
                channel.pipeline().addAfter(NettyPipeline.HttpCodec, "hisob.problemBodies", new ProblemBodies(json));
            }
        });
    }

    /** One per connection: remembers whether the request being answered was a HEAD, which never gets a body. */
    static final class ProblemBodies extends ChannelDuplexHandler {

        private final JsonMapper json;
        private boolean head;

        ProblemBodies(JsonMapper json) {
            this.json = json;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof HttpRequest request) {
                head = HttpMethod.HEAD.equals(request.method());
            }
            ctx.fireChannelRead(msg);
        }

        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
            if (!head && msg instanceof FullHttpResponse response && response.status().code() >= 400
                    && response.content().readableBytes() == 0 && !response.headers().contains(HttpHeaderNames.CONTENT_TYPE)) {
                ctx.write(withProblem(ctx, response), promise);
                return;
            }
            ctx.write(msg, promise);
        }

        private FullHttpResponse withProblem(ChannelHandlerContext ctx, FullHttpResponse response) {
            HttpStatus status = HttpStatus.resolve(response.status().code());
            if (status == null) {
                status = response.status().code() >= 500 ? HttpStatus.INTERNAL_SERVER_ERROR : HttpStatus.BAD_REQUEST;
            }
            String code = switch (status) {
                case URI_TOO_LONG -> "URI_TOO_LONG";
                case REQUEST_HEADER_FIELDS_TOO_LARGE -> "HEADERS_TOO_LARGE";
                case CONTENT_TOO_LARGE -> "PAYLOAD_TOO_LARGE";
                case BAD_REQUEST -> "VALIDATION_FAILED";
                default -> status.name();
            };
            String detail = switch (status) {
                case URI_TOO_LONG -> "The request line is too long";
                case REQUEST_HEADER_FIELDS_TOO_LARGE -> "The request headers are too large";
                case BAD_REQUEST -> "The request could not be parsed (its URI or framing is malformed)";
                default -> status.getReasonPhrase();
            };
            Map<String, Object> extensions = status == HttpStatus.BAD_REQUEST
                    ? Map.of("errors", java.util.List.of(new ApiException.FieldError("request", "is malformed")))
                    : Map.of();
            byte[] body = json.writeValueAsBytes(ProblemWriter.body(status, code, detail, extensions));
            ByteBuf content = ctx.alloc().buffer(body.length).writeBytes(body);
            response.release();
            FullHttpResponse problem = new DefaultFullHttpResponse(response.protocolVersion(), response.status(), content,
                    response.headers().copy(), response.trailingHeaders().copy());
            problem.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/problem+json");
            problem.headers().set(HttpHeaderNames.CONTENT_LENGTH, body.length);
            return problem;
        }

        @Override
        public boolean isSharable() {
            return false;
        }
    }

    static {
        // not @Sharable: each connection gets its own handler (it remembers the request's method)
        assert !ProblemBodies.class.isAnnotationPresent(ChannelHandler.Sharable.class);
    }
}
