package uz.hisob.local;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import uz.hisob.onec.standin.OnecDemoData;
import uz.hisob.onec.standin.OnecStandIn;
import uz.hisob.payments.PayPalStandIn;
import uz.hisob.payments.StripeStandIn;

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
    private final StripeStandIn stripe;
    private final GreenMail mail;
    private final PayPalStandIn paypal;
    private final OnecStandIn onec;

    /** The embedded default's Stripe account at the stand-in: its API key and webhook signing secret (commerce.md). */
    public static final String STRIPE_KEY = "sk_test_hisob_demo";
    public static final String STRIPE_WEBHOOK_SECRET = "whsec_hisob_demo";
    /** The embedded default's PayPal REST app at its stand-in. */
    public static final String PAYPAL_CLIENT_ID = "hisob-demo-client";
    public static final String PAYPAL_CLIENT_SECRET = "hisob-demo-secret";
    public static final String PAYPAL_WEBHOOK_ID = "WH-HISOB-DEMO";
    /** The login of the embedded default's stand-in 1C base's web service. */
    public static final String ONEC_USERNAME = "hisob";
    public static final String ONEC_PASSWORD = "hisob-1c";
    /**
     * The key the embedded default encrypts 1C passwords with (hisob.onec.secret-key): a demo's, known to all; a
     * deployment sets its own (operations.md).
     */
    public static final String ONEC_SECRET_KEY = "hisob-embedded-default-demo-key";

    private HisobSystem(LocalStack stack, StripeStandIn stripe, PayPalStandIn paypal, OnecStandIn onec, GreenMail mail,
                        ConfigurableApplicationContext command, ConfigurableApplicationContext query, int commandPort, int queryPort) {
        this.paypal = paypal;
        this.onec = onec;
        this.stack = stack;
        this.stripe = stripe;
        this.mail = mail;
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
        // the Stripe-compatible stand-in first, bound, so that the free ports chosen below are not its
        int stripePort = Integer.parseInt(extra.getOrDefault("hisob.standin.stripe-port", "0"));
        StripeStandIn stripe = StripeStandIn.start(stripePort, java.util.List.of());
        PayPalStandIn paypal = PayPalStandIn.start(Integer.parseInt(extra.getOrDefault("hisob.standin.paypal-port", "0")), java.util.List.of());
        // the local SMTP server the order confirmations go to, its inbox read over IMAP (any user, any password)
        GreenMail mail = new GreenMail(new ServerSetup[] {
                new ServerSetup(Integer.parseInt(extra.getOrDefault("hisob.standin.smtp-port", Integer.toString(freePort()))), "127.0.0.1", "smtp"),
                new ServerSetup(Integer.parseInt(extra.getOrDefault("hisob.standin.imap-port", Integer.toString(freePort()))), "127.0.0.1", "imap")});
        mail.withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
        mail.start();
        // the 1C base: its web service on a primary and an alternative port, its failure controls on a third
        OnecStandIn onec = OnecStandIn.start(OnecDemoData.demo(), ONEC_USERNAME, ONEC_PASSWORD,
                Integer.parseInt(extra.getOrDefault("hisob.standin.onec-primary-port", "0")),
                Integer.parseInt(extra.getOrDefault("hisob.standin.onec-alternative-port", "0")),
                Integer.parseInt(extra.getOrDefault("hisob.standin.onec-control-port", "0")));

        int cmdPort = commandPort > 0 ? commandPort : freePort();
        int qryPort = queryPort > 0 ? queryPort : freePort();
        String issuer = "http://localhost:" + cmdPort;

        Map<String, Object> common = new LinkedHashMap<>(stack.springProperties());
        common.put("server.address", "127.0.0.1");
        common.put("hisob.security.issuer", issuer);
        common.put("hisob.events-db.hikari.maximum-pool-size", "20");
        common.put("spring.mail.host", "127.0.0.1");
        common.put("spring.mail.port", Integer.toString(mail.getSmtp().getPort()));
        // its webhooks go to this command-service
        stripe.account(new StripeStandIn.Account(STRIPE_KEY, "http://127.0.0.1:" + cmdPort + "/api/payments/webhooks/stripe",
                STRIPE_WEBHOOK_SECRET));
        paypal.account(new PayPalStandIn.Account(PAYPAL_CLIENT_ID, PAYPAL_CLIENT_SECRET,
                "http://127.0.0.1:" + cmdPort + "/api/payments/webhooks/paypal", PAYPAL_WEBHOOK_ID));
        common.putAll(paymentProperties(stripe, paypal));

        Map<String, Object> cmd = new LinkedHashMap<>(common);
        cmd.put("server.port", Integer.toString(cmdPort));
        cmd.put("hisob.onec.secret-key", ONEC_SECRET_KEY);
        cmd.putAll(extra);

        Map<String, Object> qry = new LinkedHashMap<>(common);
        qry.put("server.port", Integer.toString(qryPort));
        qry.put("hisob.security.jwk-set-uri", "http://127.0.0.1:" + cmdPort + "/.well-known/jwks.json");
        qry.putAll(extra);

        ConfigurableApplicationContext commandContext;
        ConfigurableApplicationContext queryContext;
        try {
            commandContext = CommandServiceApplication.builder().registerShutdownHook(false).run(args(cmd));
        } catch (RuntimeException e) {
            stripe.close();
            paypal.close();
            onec.close();
            mail.stop();
            throw e;
        }
        try {
            queryContext = QueryServiceApplication.builder().registerShutdownHook(false).run(args(qry));
        } catch (RuntimeException e) {
            commandContext.close();
            stripe.close();
            paypal.close();
            onec.close();
            mail.stop();
            throw e;
        }
        return new HisobSystem(stack, stripe, paypal, onec, mail, commandContext, queryContext, cmdPort, qryPort);
    }

    /** What points a command-service at the stand-in's Stripe account. */
    public static Map<String, Object> paymentProperties(StripeStandIn stripe, PayPalStandIn paypal) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("hisob.payments.paypal.api-base", paypal.url());
        p.put("hisob.payments.paypal.client-id", PAYPAL_CLIENT_ID);
        p.put("hisob.payments.paypal.client-secret", PAYPAL_CLIENT_SECRET);
        p.put("hisob.payments.paypal.webhook-id", PAYPAL_WEBHOOK_ID);
        p.put("hisob.payments.stripe.api-base", stripe.url());
        p.put("hisob.payments.stripe.secret-key", STRIPE_KEY);
        p.put("hisob.payments.stripe.webhook-secret", STRIPE_WEBHOOK_SECRET);
        return p;
    }

    /** The local SMTP and IMAP server this system's e-mails go to. */
    public GreenMail mail() {
        return mail;
    }

    /** The stand-in 1C base (onec.md). */
    public OnecStandIn onec() {
        return onec;
    }

    /** The PayPal-compatible stand-in. */
    public PayPalStandIn paypal() {
        return paypal;
    }

    /** The Stripe-compatible stand-in this system's payments go to. */
    public StripeStandIn stripe() {
        return stripe;
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
            try {
                command.close();
            } finally {
                stripe.close();
                paypal.close();
                onec.close();
                mail.stop();
            }
        }
    }
}
