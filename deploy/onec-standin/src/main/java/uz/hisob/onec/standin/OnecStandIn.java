package uz.hisob.onec.standin;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.ws.config.annotation.EnableWs;
import org.springframework.ws.soap.saaj.SaajSoapMessageFactory;
import org.springframework.ws.soap.server.SoapMessageDispatcher;
import org.springframework.ws.transport.http.WebServiceMessageReceiverHttpHandler;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A stand-in 1C:Enterprise base on loopback: the exchange web service of {@code hisob-exchange.wsdl} (SOAP 1.1,
 * document/literal, HTTP Basic auth) published at {@code /base/ws/hisob.1cws} on two ports, the primary and the
 * alternative (as a base published on two web servers is), both answering from one {@link OnecBase}; its WSDL at
 * {@code ?wsdl} with the node's own address. A third port takes the failure controls over HTTP:
 * <pre>
 * POST /control/{primary|alternative}/down        its server stops: connections are refused
 * POST /control/{primary|alternative}/up
 * POST /control/{primary|alternative}/slow?ms=N   every call waits N ms first
 * POST /control/{primary|alternative}/fault?kind=server|client|http500|lost&amp;operation=GetClients&amp;times=1&amp;ms=3000
 * POST /control/{primary|alternative}/clear       no faults, not slow (and up)
 * GET  /control/state                             the nodes, their faults and the calls each answered
 * POST /control/orders/{externalId}/status?status=SHIPPED|CANCELLED
 * POST /control/clients/{code}?name=…             a 1C user renames a client (the next sync brings the change)
 * </pre>
 */
public final class OnecStandIn implements AutoCloseable {

    public static final String PATH = "/base/ws/hisob.1cws";
    private static final Logger log = LoggerFactory.getLogger(OnecStandIn.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String WSDL_LOCATION = "http://localhost/base/ws/hisob.1cws";

    /** The two published endpoints. */
    public enum Endpoint { PRIMARY, ALTERNATIVE }

    private final OnecBase base;
    private final String username;
    private final String password;
    private final AnnotationConfigApplicationContext context;
    private final WebServiceMessageReceiverHttpHandler soap;
    private final String wsdl;
    private final Map<Endpoint, Node> nodes = new LinkedHashMap<>();
    private final Map<Endpoint, Integer> ports = new LinkedHashMap<>();
    private final Map<Endpoint, HttpServer> servers = new LinkedHashMap<>();
    private final ExecutorService threads = Executors.newThreadPerTaskExecutor(threads());
    private final HttpServer control;

    private OnecStandIn(OnecBase base, String username, String password, int primaryPort, int alternativePort, int controlPort) {
        this.base = base;
        this.username = username;
        this.password = password;
        this.context = new AnnotationConfigApplicationContext();
        context.registerBean(OnecBase.class, () -> base);
        context.register(Soap.class);
        context.refresh();
        this.soap = new WebServiceMessageReceiverHttpHandler();
        soap.setMessageFactory(context.getBean(SaajSoapMessageFactory.class));
        soap.setMessageReceiver(context.getBean(SoapMessageDispatcher.class));
        try (InputStream in = OnecStandIn.class.getResourceAsStream("/uz/hisob/api/onec/hisob-exchange.wsdl")) {
            this.wsdl = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        nodes.put(Endpoint.PRIMARY, new Node("primary"));
        nodes.put(Endpoint.ALTERNATIVE, new Node("alternative"));
        ports.put(Endpoint.PRIMARY, primaryPort);
        ports.put(Endpoint.ALTERNATIVE, alternativePort);
        HttpServer controls = null;
        try {
            up(Endpoint.PRIMARY);
            up(Endpoint.ALTERNATIVE);
            controls = server(controlPort);
            controls.createContext("/control/", this::control);
            controls.start();
        } catch (RuntimeException e) {
            // a port taken: what started is stopped again, nothing is left listening
            down(Endpoint.PRIMARY);
            down(Endpoint.ALTERNATIVE);
            threads.shutdownNow();
            context.close();
            throw e;
        }
        this.control = controls;
    }

    /**
     * Starts both endpoints and the control port over {@code base}, accepting {@code username}/{@code password}.
     * A port of 0 takes a free one (kept when the endpoint goes down and comes up again).
     */
    public static OnecStandIn start(OnecBase base, String username, String password, int primaryPort, int alternativePort,
                                    int controlPort) {
        OnecStandIn s = new OnecStandIn(base, username, password, primaryPort, alternativePort, controlPort);
        log.info("1C stand-in: {} (primary), {} (alternative), controls at {}", s.wsdlUrl(Endpoint.PRIMARY),
                s.wsdlUrl(Endpoint.ALTERNATIVE), s.controlUrl());
        return s;
    }

    public OnecBase base() {
        return base;
    }

    /** The WSDL's address at an endpoint, as a 1C base publishes it ({@code …/hisob.1cws?wsdl}). */
    public String wsdlUrl(Endpoint endpoint) {
        return "http://127.0.0.1:" + ports.get(endpoint) + PATH + "?wsdl";
    }

    public String controlUrl() {
        return "http://127.0.0.1:" + control.getAddress().getPort() + "/control";
    }

    /** Stops an endpoint's server: a call to it has its connection refused. */
    public synchronized void down(Endpoint endpoint) {
        HttpServer s = servers.remove(endpoint);
        if (s != null) {
            s.stop(0);
        }
    }

    public synchronized void up(Endpoint endpoint) {
        if (servers.containsKey(endpoint)) {
            return;
        }
        Node node = nodes.get(endpoint);
        HttpServer s = server(ports.get(endpoint));
        s.createContext(PATH, exchange -> exchange(node, exchange));
        s.start();
        ports.put(endpoint, s.getAddress().getPort());
        servers.put(endpoint, s);
    }

    public synchronized boolean isUp(Endpoint endpoint) {
        return servers.containsKey(endpoint);
    }

    /** Every call to the endpoint waits {@code ms} first (0: none). */
    public void slow(Endpoint endpoint, long ms) {
        nodes.get(endpoint).slowMs = ms;
    }

    /**
     * The next {@code times} calls of {@code operation} ({@code null}: any) at the endpoint fail as {@code kind}
     * ({@code server}, {@code client}, {@code http500}, {@code lost}); negative {@code times}: until cleared.
     */
    public void fault(Endpoint endpoint, String operation, String kind, int times, long ms) {
        nodes.get(endpoint).fault(operation, Node.FaultKind.valueOf(kind.toUpperCase(java.util.Locale.ROOT)), times, ms);
    }

    /** The endpoint up, with no faults and no delay. */
    public void clear(Endpoint endpoint) {
        nodes.get(endpoint).clear();
        up(endpoint);
    }

    /** How many calls of {@code operation} reached the endpoint (answered or failed there). */
    public int calls(Endpoint endpoint, String operation) {
        return nodes.get(endpoint).calls(operation);
    }

    private void exchange(Node node, HttpExchange exchange) throws IOException {
        try (exchange) {
            if ("GET".equals(exchange.getRequestMethod()) && "wsdl".equalsIgnoreCase(exchange.getRequestURI().getQuery())) {
                String address = "http://" + exchange.getLocalAddress().getAddress().getHostAddress() + ":"
                        + exchange.getLocalAddress().getPort() + PATH;
                send(exchange, 200, "text/xml; charset=utf-8", wsdl.replace(WSDL_LOCATION, address));
                return;
            }
            if (!authorized(exchange)) {
                exchange.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"1C:Enterprise\"");
                send(exchange, 401, "text/plain; charset=utf-8", "Не пройдена аутентификация");
                return;
            }
            String operation = operation(exchange.getRequestHeaders().getFirst("SOAPAction"));
            node.called(operation);
            if (node.slowMs > 0) {
                sleep(node.slowMs);
            }
            Node.Fault fault = node.take(operation);
            if (fault != null && fault.kind() == Node.FaultKind.HTTP500) {
                exchange.getRequestBody().readAllBytes();
                send(exchange, 500, "text/html; charset=utf-8", "<html><body><h1>500 Internal Server Error</h1></body></html>");
                return;
            }
            ExchangeEndpoint.FAULT.set(fault);
            try {
                soap.handle(exchange);
            } finally {
                ExchangeEndpoint.FAULT.remove();
            }
        }
    }

    private boolean authorized(HttpExchange exchange) {
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return false;
        }
        try {
            String pair = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
            return pair.equals(username + ":" + password);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The operation of a SOAPAction ({@code urn:hisob:onec:exchange:1#GetClients}), or {@code ?} without one. */
    private static String operation(String soapAction) {
        if (soapAction == null) {
            return "?";
        }
        String a = soapAction.replace("\"", "").trim();
        int hash = a.lastIndexOf('#');
        return hash >= 0 ? a.substring(hash + 1) : a;
    }

    private void control(HttpExchange exchange) throws IOException {
        try (exchange) {
            String[] parts = exchange.getRequestURI().getPath().substring("/control/".length()).split("/");
            Map<String, String> query = query(exchange.getRequestURI());
            if ("GET".equals(exchange.getRequestMethod()) && parts.length == 1 && parts[0].equals("state")) {
                sendJson(exchange, 200, state());
                return;
            }
            if (!"POST".equals(exchange.getRequestMethod())) {
                sendJson(exchange, 405, Map.of("error", "POST the control"));
                return;
            }
            if (parts.length == 3 && parts[0].equals("orders") && parts[2].equals("status")) {
                boolean done = base.setOrderStatus(parts[1], query.getOrDefault("status", "SHIPPED"), Instant.now());
                sendJson(exchange, done ? 200 : 404, Map.of("externalId", parts[1], "changed", done));
                return;
            }
            if (parts.length == 2 && parts[0].equals("clients") && query.containsKey("name")) {
                boolean[] found = new boolean[1];
                base.changeClient(parts[1], c -> {
                    found[0] = true;
                    return new OnecBase.Client(c.code(), query.get("name"), c.legalName(), c.tin(), c.phone(), c.address(), c.lat(),
                            c.lon(), c.agentCodes(), c.priceTypeCode(), c.deleted());
                });
                sendJson(exchange, found[0] ? 200 : 404, Map.of("code", parts[1], "changed", found[0]));
                return;
            }
            Endpoint endpoint = parts.length == 2 ? switch (parts[0]) {
                case "primary" -> Endpoint.PRIMARY;
                case "alternative" -> Endpoint.ALTERNATIVE;
                default -> null;
            } : null;
            if (endpoint == null) {
                sendJson(exchange, 404, Map.of("error", "no such control"));
                return;
            }
            try {
                switch (parts[1]) {
                    case "down" -> down(endpoint);
                    case "up" -> up(endpoint);
                    case "slow" -> slow(endpoint, Long.parseLong(query.getOrDefault("ms", "0")));
                    case "fault" -> fault(endpoint, query.get("operation"), query.getOrDefault("kind", "server"),
                            Integer.parseInt(query.getOrDefault("times", "-1")), Long.parseLong(query.getOrDefault("ms", "3000")));
                    case "clear" -> clear(endpoint);
                    default -> {
                        sendJson(exchange, 404, Map.of("error", "no such control: " + parts[1]));
                        return;
                    }
                }
            } catch (IllegalArgumentException e) {
                sendJson(exchange, 400, Map.of("error", String.valueOf(e.getMessage())));
                return;
            }
            sendJson(exchange, 200, state());
        }
    }

    private Map<String, Object> state() {
        Map<String, Object> state = new LinkedHashMap<>();
        for (Endpoint e : Endpoint.values()) {
            Node n = nodes.get(e);
            Map<String, Object> faults = new LinkedHashMap<>();
            n.faults().forEach((op, f) -> faults.put(op, Map.of("kind", f.kind().name(), "times", f.times())));
            state.put(n.name, Map.of("wsdlUrl", wsdlUrl(e), "up", isUp(e), "slowMs", n.slowMs, "faults", faults, "calls", n.calls()));
        }
        state.put("clients", base.clientCount());
        state.put("products", base.productCount());
        state.put("ordersCreated", base.ordersCreated());
        return state;
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> q = new LinkedHashMap<>();
        String raw = uri.getRawQuery();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                String k = java.net.URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                q.put(k, eq < 0 ? "" : java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return q;
    }

    private static void sendJson(HttpExchange exchange, int status, Object body) throws IOException {
        send(exchange, status, "application/json", JSON.writeValueAsString(body));
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * A virtual thread per exchange, with this library's class loader as its context's: JAXB finds its implementation
     * through it, and the JDK server's own threads have the system one (not a Spring Boot jar's).
     */
    private static java.util.concurrent.ThreadFactory threads() {
        ClassLoader loader = OnecStandIn.class.getClassLoader();
        java.util.concurrent.ThreadFactory virtual = Thread.ofVirtual().name("onec-standin-", 0).factory();
        return r -> {
            Thread t = virtual.newThread(r);
            t.setContextClassLoader(loader);
            return t;
        };
    }

    private HttpServer server(int port) {
        try {
            HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
            s.setExecutor(threads);
            return s;
        } catch (IOException e) {
            throw new UncheckedIOException("1C stand-in: port " + port + " is taken", e);
        }
    }

    @Override
    public synchronized void close() {
        for (Endpoint e : Endpoint.values()) {
            down(e);
        }
        control.stop(0);
        threads.shutdownNow();
        context.close();
    }

    /** The SOAP side: Spring Web Services' dispatcher over the annotated endpoint, JAXB for the payloads. */
    @Configuration(proxyBeanMethods = false)
    @EnableWs
    static class Soap {

        @Bean
        SaajSoapMessageFactory messageFactory() {
            return new SaajSoapMessageFactory();
        }

        @Bean
        SoapMessageDispatcher messageDispatcher() {
            return new SoapMessageDispatcher();
        }

        @Bean
        ExchangeEndpoint exchangeEndpoint(OnecBase base) {
            return new ExchangeEndpoint(base, Clock.systemUTC());
        }
    }
}
