package uz.hisob.bench.bare;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ReactorHttpHandlerAdapter;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

import static org.springframework.web.reactive.function.server.RequestPredicates.GET;

/**
 * The reference of the HTTP floor (scenario 0): a bare Spring WebFlux application on Reactor Netty, no Spring Boot,
 * no security, no metrics, answering {@code GET /api/kitchens} with the services' 401 problem body. Started by the
 * benchmark as its own process with the services' JVM options; {@code /actuator/health/readiness} answers UP so that
 * it starts like a service. Argument: the port.
 */
public final class BareWebFlux {

    private static final String PROBLEM = "{\"type\":\"about:blank\",\"title\":\"Unauthorized\",\"status\":401,"
            + "\"code\":\"UNAUTHENTICATED\",\"detail\":\"A valid bearer token is required\"}";

    private BareWebFlux() {
    }

    public static void main(String[] args) throws InterruptedException {
        int port = Integer.parseInt(args[0]);
        RouterFunction<ServerResponse> routes = RouterFunctions.route()
                .route(GET("/api/kitchens"), request -> ServerResponse.status(HttpStatus.UNAUTHORIZED)
                        .header("WWW-Authenticate", "Bearer").contentType(MediaType.APPLICATION_PROBLEM_JSON).bodyValue(PROBLEM))
                .route(GET("/actuator/health/readiness"), request -> ServerResponse.ok()
                        .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"status\":\"UP\"}"))
                .build();
        DisposableServer server = HttpServer.create().host("127.0.0.1").port(port)
                .handle(new ReactorHttpHandlerAdapter(RouterFunctions.toHttpHandler(routes))).bindNow();
        Runtime.getRuntime().addShutdownHook(new Thread(server::disposeNow));
        server.onDispose().block();
    }
}
