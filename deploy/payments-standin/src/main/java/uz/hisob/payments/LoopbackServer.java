package uz.hisob.payments;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.Executors;

/**
 * A stand-in's HTTP server on loopback (the JDK's), that can be stopped as an outage would and started again on the
 * same port: the port the system gave at the first start is kept.
 */
final class LoopbackServer {

    private final String name;
    private final String context;
    private final HttpHandler handler;
    private volatile int port;
    private HttpServer server;

    LoopbackServer(String name, int port, String context, HttpHandler handler) {
        this.name = name;
        this.port = port;
        this.context = context;
        this.handler = handler;
    }

    int port() {
        return port;
    }

    synchronized void start() {
        if (server != null) {
            return;
        }
        try {
            HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
            s.createContext(context, handler);
            s.setExecutor(Executors.newFixedThreadPool(4, r -> {
                Thread t = new Thread(r, name + "-http");
                t.setDaemon(true);
                return t;
            }));
            s.start();
            port = s.getAddress().getPort();
            server = s;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    synchronized void stop() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
    }
}
