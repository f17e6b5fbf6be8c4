package uz.hisob.local;

import org.springframework.context.ConfigurableApplicationContext;
import uz.hisob.command.CommandServiceApplication;
import uz.hisob.localstack.LocalStack;
import uz.hisob.query.QueryServiceApplication;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Both services started on a {@link LocalStack}, each in its own Spring context: what the run command starts and
 * what the system tests talk to over HTTP. Spring's own shutdown hooks are off: the owner closes the services
 * before the stack, in that order.
 */
public final class HisobSystem implements AutoCloseable {

    private final LocalStack stack;
    private final ConfigurableApplicationContext command;
    private final ConfigurableApplicationContext query;
    private final int commandPort;
    private final int queryPort;

    private HisobSystem(LocalStack stack, ConfigurableApplicationContext command, ConfigurableApplicationContext query,
                        int commandPort, int queryPort) {
        this.stack = stack;
        this.command = command;
        this.query = query;
        this.commandPort = commandPort;
        this.queryPort = queryPort;
    }

    /**
     * Starts the command-service, then the query-service.
     *
     * @param commandPort 0 for a free port
     * @param queryPort   0 for a free port
     * @param extra       further properties for both services (they win over the defaults here)
     */
    public static HisobSystem start(LocalStack stack, int commandPort, int queryPort, Map<String, String> extra) {
        int cmdPort = commandPort > 0 ? commandPort : freePort();
        int qryPort = queryPort > 0 ? queryPort : freePort();
        String issuer = "http://localhost:" + cmdPort;

        Map<String, Object> common = new LinkedHashMap<>(stack.springProperties());
        common.put("server.address", "127.0.0.1");
        common.put("hisob.security.issuer", issuer);
        common.put("hisob.events-db.hikari.maximum-pool-size", "20");

        Map<String, Object> cmd = new LinkedHashMap<>(common);
        cmd.put("server.port", Integer.toString(cmdPort));
        cmd.putAll(extra);

        Map<String, Object> qry = new LinkedHashMap<>(common);
        qry.put("server.port", Integer.toString(qryPort));
        qry.put("hisob.security.jwk-set-uri", "http://127.0.0.1:" + cmdPort + "/.well-known/jwks.json");
        qry.putAll(extra);

        ConfigurableApplicationContext commandContext = CommandServiceApplication.builder().registerShutdownHook(false).run(args(cmd));
        ConfigurableApplicationContext queryContext;
        try {
            queryContext = QueryServiceApplication.builder().registerShutdownHook(false).run(args(qry));
        } catch (RuntimeException e) {
            commandContext.close();
            throw e;
        }
        return new HisobSystem(stack, commandContext, queryContext, cmdPort, qryPort);
    }

    public LocalStack stack() {
        return stack;
    }

    public ConfigurableApplicationContext commandContext() {
        return command;
    }

    public ConfigurableApplicationContext queryContext() {
        return query;
    }

    public String commandUrl() {
        return "http://localhost:" + commandPort;
    }

    public String queryUrl() {
        return "http://localhost:" + queryPort;
    }

    /** As command-line arguments, so they win over the services' own configuration files. */
    private static String[] args(Map<String, Object> properties) {
        return properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops the query-service, then the command-service; the stack is the caller's to stop. */
    @Override
    public void close() {
        try {
            query.close();
        } finally {
            command.close();
        }
    }
}
