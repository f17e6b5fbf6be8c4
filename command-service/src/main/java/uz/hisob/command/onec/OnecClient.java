package uz.hisob.command.onec;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.oxm.jaxb.Jaxb2Marshaller;
import org.springframework.stereotype.Component;
import org.springframework.ws.client.WebServiceTransportException;
import org.springframework.ws.client.core.WebServiceTemplate;
import org.springframework.ws.soap.client.SoapFaultClientException;
import org.springframework.ws.soap.client.core.SoapActionCallback;
import org.springframework.ws.transport.HeadersAwareSenderWebServiceConnection;
import org.springframework.ws.transport.context.TransportContextHolder;
import org.springframework.ws.transport.http.JdkHttpClientMessageSender;
import uz.hisob.events.onec.OnecCall;

import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Calls a project's 1C base through the exchange web service (Spring Web Services, the WSDL's JAXB classes, HTTP
 * Basic auth), with the failover of onec.md: each call goes to the primary unless its circuit is open; a failure of
 * the primary (a SOAP fault other than {@code Client}, HTTP ≥ 500, a refused connection, no answer within the
 * timeout) sends the same call to the alternative at once. Each URL of each project has its own Resilience4j circuit
 * breaker: open after 3 consecutive failures, one trial call after 30 s. A {@code Client} fault is 1C's answer (the
 * endpoint works): it is a refusal, not tried elsewhere. Every attempt is answered as an {@link OnecCall}.
 */
@Component
public class OnecClient {

    public static final String NS = "urn:hisob:onec:exchange:1";
    private static final Pattern STATUS = Pattern.compile("\\[(\\d{3})]\\s*$");

    /** Where and as whom to call: a project's link, its password decrypted. */
    public record Target(String tenant, String projectId, String wsdlUrl, String alternativeWsdlUrl, String username, String password,
                         Duration timeout) {
        @Override
        public String toString() {
            return "Target[" + tenant + "/" + projectId + " " + wsdlUrl + " | " + alternativeWsdlUrl + "]";
        }
    }

    /** An answer and the calls it took. */
    public record Answer<T>(T value, List<OnecCall> calls) {
    }

    /** A call 1C did not answer as asked, with the calls it took (failed attempts and the failover included). */
    public abstract static class Failure extends RuntimeException {
        private final transient List<OnecCall> calls;

        Failure(String message, List<OnecCall> calls) {
            super(message);
            this.calls = List.copyOf(calls);
        }

        public List<OnecCall> calls() {
            return calls;
        }
    }

    /** No endpoint could answer: the calls tried, each with why. */
    public static final class Unavailable extends Failure {
        Unavailable(String message, List<OnecCall> calls) {
            super(message, calls);
        }
    }

    /** 1C refused the request (a SOAP {@code Client} fault, or HTTP 4xx such as a wrong password). */
    public static final class Refused extends Failure {
        Refused(String message, List<OnecCall> calls) {
            super(message, calls);
        }
    }

    private final Jaxb2Marshaller marshaller;
    private final CircuitBreakerRegistry breakers;
    private final Map<Duration, WebServiceTemplate> templates = new ConcurrentHashMap<>();

    public OnecClient(@Value("${hisob.onec.circuit-open-for:PT30S}") Duration openFor) {
        this.marshaller = new Jaxb2Marshaller();
        marshaller.setContextPath("uz.hisob.api.onec.exchange");
        try {
            marshaller.afterPropertiesSet();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        this.breakers = CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(3)
                .minimumNumberOfCalls(3)
                .failureRateThreshold(100)
                .waitDurationInOpenState(openFor)
                .permittedNumberOfCallsInHalfOpenState(1)
                .build());
    }

    /** Calls {@code operation} with {@code request} (a JAXB object of the WSDL), with failover. */
    public <T> Answer<T> call(Target target, String operation, Object request, Class<T> answerType) {
        List<OnecCall> calls = new ArrayList<>();
        String[][] endpoints = target.alternativeWsdlUrl() == null
                ? new String[][] {{"PRIMARY", target.wsdlUrl()}}
                : new String[][] {{"PRIMARY", target.wsdlUrl()}, {"ALTERNATIVE", target.alternativeWsdlUrl()}};
        String lastFailure = null;
        for (String[] endpoint : endpoints) {
            CircuitBreaker breaker = breakers.circuitBreaker(target.tenant() + "/" + target.projectId() + " " + endpoint[1]);
            if (!breaker.tryAcquirePermission()) {
                calls.add(new OnecCall(operation, endpoint[0], 0, "SKIPPED", "circuit open"));
                lastFailure = endpoint[0] + ": circuit open";
                continue;
            }
            long start = System.nanoTime();
            try {
                Object answer = send(target, endpoint[1], operation, request);
                long nanos = System.nanoTime() - start;
                breaker.onSuccess(nanos, TimeUnit.NANOSECONDS);
                calls.add(new OnecCall(operation, endpoint[0], TimeUnit.NANOSECONDS.toMillis(nanos), "OK", null));
                return new Answer<>(answerType.cast(answer), calls);
            } catch (SoapFaultClientException fault) {
                long nanos = System.nanoTime() - start;
                String reason = fault.getFaultStringOrReason();
                if ("Client".equals(fault.getFaultCode().getLocalPart())) {
                    breaker.onSuccess(nanos, TimeUnit.NANOSECONDS);
                    calls.add(new OnecCall(operation, endpoint[0], TimeUnit.NANOSECONDS.toMillis(nanos), "REFUSED", reason));
                    throw new Refused(reason, calls);
                }
                breaker.onError(nanos, TimeUnit.NANOSECONDS, fault);
                lastFailure = endpoint[0] + ": SOAP fault " + fault.getFaultCode().getLocalPart() + ": " + reason;
                calls.add(new OnecCall(operation, endpoint[0], TimeUnit.NANOSECONDS.toMillis(nanos), "FAILED", lastFailure));
            } catch (WebServiceTransportException http) {
                long nanos = System.nanoTime() - start;
                int status = status(http.getMessage());
                if (status >= 400 && status < 500) {
                    breaker.onSuccess(nanos, TimeUnit.NANOSECONDS);
                    String reason = "HTTP " + status + (status == 401 ? ": 1C did not accept the username or password" : "");
                    calls.add(new OnecCall(operation, endpoint[0], TimeUnit.NANOSECONDS.toMillis(nanos), "REFUSED", reason));
                    throw new Refused(reason, calls);
                }
                breaker.onError(nanos, TimeUnit.NANOSECONDS, http);
                lastFailure = endpoint[0] + ": " + http.getMessage();
                calls.add(new OnecCall(operation, endpoint[0], TimeUnit.NANOSECONDS.toMillis(nanos), "FAILED", lastFailure));
            } catch (RuntimeException e) {
                // a refused connection, no answer within the timeout, an answer that is not the WSDL's, a URL the
                // HTTP client cannot take: a failure of this endpoint, the other is tried
                long nanos = System.nanoTime() - start;
                breaker.onError(nanos, TimeUnit.NANOSECONDS, e);
                lastFailure = endpoint[0] + ": " + rootMessage(e);
                calls.add(new OnecCall(operation, endpoint[0], TimeUnit.NANOSECONDS.toMillis(nanos), "FAILED", lastFailure));
            }
        }
        throw new Unavailable("1C is unavailable: " + lastFailure, calls);
    }

    private Object send(Target target, String wsdlUrl, String operation, Object request) {
        String auth = "Basic " + Base64.getEncoder().encodeToString((target.username() + ":" + target.password()).getBytes(StandardCharsets.UTF_8));
        SoapActionCallback action = new SoapActionCallback(NS + "#" + operation);
        return template(target.timeout()).marshalSendAndReceive(endpoint(wsdlUrl), request, message -> {
            action.doWithMessage(message);
            ((HeadersAwareSenderWebServiceConnection) TransportContextHolder.getTransportContext().getConnection())
                    .addRequestHeader("Authorization", auth);
        });
    }

    private WebServiceTemplate template(Duration timeout) {
        return templates.computeIfAbsent(timeout, t -> {
            JdkHttpClientMessageSender sender = new JdkHttpClientMessageSender(HttpClient.newBuilder()
                    .connectTimeout(t).version(HttpClient.Version.HTTP_1_1).build());
            sender.setConnectionTimeout(t);
            sender.setRequestTimeout(t);
            WebServiceTemplate template = new WebServiceTemplate(marshaller);
            template.setMessageSender(sender);
            return template;
        });
    }

    /** The service's address: the WSDL's URL without its query ({@code …/hisob.1cws?wsdl} → {@code …/hisob.1cws}). */
    static String endpoint(String wsdlUrl) {
        int q = wsdlUrl.indexOf('?');
        return q < 0 ? wsdlUrl : wsdlUrl.substring(0, q);
    }

    private static int status(String message) {
        Matcher m = message == null ? null : STATUS.matcher(message);
        return m != null && m.find() ? Integer.parseInt(m.group(1)) : 500;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = t.getMessage();
        return t.getClass().getSimpleName() + (m == null ? "" : ": " + m);
    }
}
