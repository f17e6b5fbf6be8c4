package uz.hisob.local;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uz.hisob.localstack.LocalStack;
import uz.hisob.onec.standin.OnecStandIn;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * The run command: the local stack (data kept in {@code ./.hisob/} or {@code HISOB_HOME}), both services, demo data,
 * and the addresses to use. Ctrl-C stops the services, then Elasticsearch and PostgreSQL.
 */
public final class HisobLocal {

    private static final Logger log = LoggerFactory.getLogger(HisobLocal.class);

    private HisobLocal() {
    }

    public static void main(String[] args) throws InterruptedException {
        Path home = Path.of(env("HISOB_HOME", ".hisob")).toAbsolutePath().normalize();
        int commandPort = Integer.parseInt(env("HISOB_COMMAND_PORT", "8080"));
        int queryPort = Integer.parseInt(env("HISOB_QUERY_PORT", "8081"));
        int pgPort = Integer.parseInt(env("HISOB_PG_PORT", "0"));
        int esPort = Integer.parseInt(env("HISOB_ES_PORT", "0"));

        LocalStack stack = LocalStack.start(home, true, pgPort, esPort, true);
        HisobSystem system;
        try {
            system = HisobSystem.start(stack, commandPort, queryPort, Map.of(
                    "hisob.seed.demo", "true",
                    "hisob.standin.stripe-port", env("HISOB_STRIPE_PORT", "8089"),
                    "hisob.standin.paypal-port", env("HISOB_PAYPAL_PORT", "8090"),
                    "hisob.standin.smtp-port", env("HISOB_SMTP_PORT", "3025"),
                    "hisob.standin.imap-port", env("HISOB_IMAP_PORT", "3143"),
                    "hisob.standin.onec-primary-port", env("HISOB_ONEC_PRIMARY_PORT", "8091"),
                    "hisob.standin.onec-alternative-port", env("HISOB_ONEC_ALTERNATIVE_PORT", "8092"),
                    "hisob.standin.onec-control-port", env("HISOB_ONEC_CONTROL_PORT", "8093"),
                    "hisob.security.signing-key-file", home.resolve("jwt-signing-key.pem").toString()));
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log.info("Stopping Hisob: services first, then Elasticsearch and PostgreSQL");
            try {
                system.close();
            } finally {
                stack.close();
                stopped.countDown();
            }
        }, "hisob-stop"));

        DemoData.ensure(system.commandUrl(), system.queryUrl());
        DemoShop.ensure(system.commandUrl(), system.queryUrl());
        DemoField.ensure(system.commandUrl(), system.queryUrl());
        DemoOrders.ensure(system.commandUrl(), system.queryUrl(), system.stripe().url());
        DemoOnec.ensure(system.commandUrl(), system.queryUrl(), system.onec());
        System.out.println(banner(system, stack, home));
        stopped.await();
    }

    private static String banner(HisobSystem system, LocalStack stack, Path home) {
        String c = system.commandUrl();
        String q = system.queryUrl();
        return String.join("\n",
                "",
                "  Hisob is running (data in " + home + ")",
                "",
                "  command-service  " + c + "   Swagger UI " + c + "/swagger-ui.html",
                "  query-service    " + q + "   Swagger UI " + q + "/swagger-ui.html",
                "  PostgreSQL       " + stack.jdbcUrl(LocalStack.EVENTS_DB) + " and …/" + LocalStack.QUERY_DB + " (user postgres)",
                "  Elasticsearch    " + stack.elasticsearchUrl(),
                "  Stripe stand-in  " + system.stripe().url() + "   (API key " + HisobSystem.STRIPE_KEY + ", webhooks signed with "
                        + HisobSystem.STRIPE_WEBHOOK_SECRET + " to " + c + "/api/payments/webhooks/stripe)",
                "  PayPal stand-in  " + system.paypal().url() + "   (client " + HisobSystem.PAYPAL_CLIENT_ID + ", webhook "
                        + HisobSystem.PAYPAL_WEBHOOK_ID + " to " + c + "/api/payments/webhooks/paypal)",
                "  1C stand-in      " + system.onec().wsdlUrl(OnecStandIn.Endpoint.PRIMARY) + " and (alternative) "
                        + system.onec().wsdlUrl(OnecStandIn.Endpoint.ALTERNATIVE) + "   (user " + HisobSystem.ONEC_USERNAME + ", password "
                        + HisobSystem.ONEC_PASSWORD + "; failure controls at " + system.onec().controlUrl() + ")",
                "  Mail (SMTP)      127.0.0.1:" + system.mail().getSmtp().getPort() + "   the inbox over IMAP at 127.0.0.1:"
                        + system.mail().getImap().getPort() + " (user = the address, e.g. customer@demo.hisob.uz, any password)",
                "",
                "  Get a token (demo users: admin, manager, cook, auditor, keeper, agent, agent2, customer, operator, other-admin; password = username):",
                "    curl -s -X POST " + c + "/api/auth/token -H 'Content-Type: application/json' -d '{\"username\":\"admin\",\"password\":\"admin\"}'",
                "  Then, for example:",
                "    TOKEN=$(curl -s -X POST " + c + "/api/auth/token -H 'Content-Type: application/json' -d '{\"username\":\"admin\",\"password\":\"admin\"}' | sed 's/.*\"access_token\":\"\\([^\"]*\\)\".*/\\1/')",
                "    curl -s " + q + "/api/kitchens/" + DemoData.KITCHEN + "/stock -H \"Authorization: Bearer $TOKEN\"",
                "    curl -s '" + q + "/api/inventory/stock?locationId=" + DemoShop.SHOPS.getFirst() + "&belowMinimum=true' -H \"Authorization: Bearer $TOKEN\"",
                "    curl -s '" + q + "/api/search?q=choy&type=product&facets=true' -H \"Authorization: Bearer $TOKEN\"",
                "    curl -s '" + q + "/api/projects/" + DemoField.PROJECT + "/visits?date=" + java.time.LocalDate.now(DemoField.ZONE)
                        + "' -H \"Authorization: Bearer $TOKEN\"",
                "    curl -s '" + q + "/api/orders/" + DemoOrders.PAID + "' -H \"Authorization: Bearer $TOKEN\"",
                "    curl -s '" + q + "/api/projects/" + DemoField.PROJECT + "/clients/nearby?lat=41.3111&lon=69.2797&radiusMeters=2000' -H \"Authorization: Bearer $TOKEN\"",
                "    curl -s '" + q + "/api/projects/" + DemoField.PROJECT + "/onec/runs' -H \"Authorization: Bearer $TOKEN\"   (the 1C sync's run log)",
                "",
                "  Ctrl-C stops everything.",
                "");
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}
