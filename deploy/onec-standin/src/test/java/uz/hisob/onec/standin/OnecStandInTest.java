package uz.hisob.onec.standin;

import jakarta.xml.bind.JAXBElement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.oxm.jaxb.Jaxb2Marshaller;
import org.springframework.ws.client.WebServiceIOException;
import org.springframework.ws.client.WebServiceTransportException;
import org.springframework.ws.client.core.WebServiceTemplate;
import org.springframework.ws.soap.client.SoapFaultClientException;
import org.springframework.ws.soap.client.core.SoapActionCallback;
import org.springframework.ws.transport.context.TransportContextHolder;
import org.springframework.ws.transport.HeadersAwareSenderWebServiceConnection;
import org.springframework.ws.transport.http.HttpUrlConnectionMessageSender;
import uz.hisob.api.onec.exchange.GetClientsResponse;
import uz.hisob.api.onec.exchange.GetProductsResponse;
import uz.hisob.api.onec.exchange.ObjectFactory;
import uz.hisob.api.onec.exchange.OrderLine;
import uz.hisob.api.onec.exchange.PageRequest;
import uz.hisob.api.onec.exchange.PostOrder;
import uz.hisob.api.onec.exchange.PostOrderResponse;

import javax.xml.datatype.DatatypeFactory;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The stand-in over the network, called as Hisob calls it: Spring Web Services' client, the WSDL's JAXB classes. */
class OnecStandInTest {

    private static OnecStandIn standIn;
    private static final ObjectFactory X = new ObjectFactory();

    @BeforeAll
    static void start() {
        standIn = OnecStandIn.start(OnecDemoData.base(250, 20), "hisob", "секрет", 0, 0, 0);
    }

    @AfterAll
    static void stop() {
        standIn.close();
    }

    private static final WebServiceTemplate TEMPLATE = template();

    private static WebServiceTemplate template() {
        Jaxb2Marshaller marshaller = new Jaxb2Marshaller();
        marshaller.setContextPath("uz.hisob.api.onec.exchange");
        WebServiceTemplate t = new WebServiceTemplate(marshaller);
        t.setMessageSender(new HttpUrlConnectionMessageSender());
        return t;
    }

    private static String endpoint(OnecStandIn.Endpoint e) {
        return standIn.wsdlUrl(e).replace("?wsdl", "");
    }

    private static Object call(String password, OnecStandIn.Endpoint e, String operation, Object request) {
        String auth = "Basic " + Base64.getEncoder().encodeToString(("hisob:" + password).getBytes(StandardCharsets.UTF_8));
        return TEMPLATE.marshalSendAndReceive(endpoint(e), request, message -> {
            new SoapActionCallback("urn:hisob:onec:exchange:1#" + operation).doWithMessage(message);
            ((HeadersAwareSenderWebServiceConnection) TransportContextHolder.getTransportContext().getConnection())
                    .addRequestHeader("Authorization", auth);
        });
    }

    private static JAXBElement<PageRequest> page(String since, int limit) {
        PageRequest p = new PageRequest();
        p.setSince(since);
        p.setLimit(limit);
        return X.createGetClients(p);
    }

    @Test
    void pagesFollowTheCursorAndAChangeComesAgainAtTheEnd() {
        String t = "секрет";
        GetClientsResponse first = (GetClientsResponse) call(t, OnecStandIn.Endpoint.PRIMARY, "GetClients", page(null, 100));
        assertThat(first.getItem()).hasSize(100);
        assertThat(first.getItem().getFirst().getCode()).isEqualTo("K-00001");
        assertThat(first.isMore()).isTrue();
        GetClientsResponse second = (GetClientsResponse) call(t, OnecStandIn.Endpoint.ALTERNATIVE, "GetClients", page(first.getNext(), 200));
        assertThat(second.getItem()).hasSize(150);
        assertThat(second.getItem().getFirst().getCode()).isEqualTo("K-00101");
        assertThat(second.isMore()).isFalse();

        standIn.base().changeClient("K-00007", c -> new OnecBase.Client(c.code(), "Янги ном", c.legalName(), c.tin(), c.phone(),
                c.address(), c.lat(), c.lon(), c.agentCodes(), c.priceTypeCode(), false));
        GetClientsResponse after = (GetClientsResponse) call(t, OnecStandIn.Endpoint.PRIMARY, "GetClients", page(second.getNext(), 100));
        assertThat(after.getItem()).extracting(c -> c.getCode() + " " + c.getName()).containsExactly("K-00007 Янги ном");
        assertThat(after.getItem().getFirst().getAgentCode()).containsExactly(OnecDemoData.AGENT_CODE);
    }

    @Test
    void anOrderPostedTwiceIsCreatedOnceAndAnUnknownClientIsAClientFault() throws Exception {
        String t = "секрет";
        PostOrder order = new PostOrder();
        order.setExternalId("order-1");
        order.setClientCode("K-00003");
        order.setDate(DatatypeFactory.newInstance().newXMLGregorianCalendar("2026-12-04T10:00:00Z"));
        order.setCurrency("UZS");
        OrderLine line = new OrderLine();
        line.setProductCode("Т-00002");
        line.setQuantity(3);
        line.setPrice(new BigDecimal("12000"));
        order.getLine().add(line);
        int before = standIn.base().ordersCreated();
        PostOrderResponse a = (PostOrderResponse) call(t, OnecStandIn.Endpoint.PRIMARY, "PostOrder", order);
        PostOrderResponse b = (PostOrderResponse) call(t, OnecStandIn.Endpoint.ALTERNATIVE, "PostOrder", order);
        assertThat(a.getNumber()).startsWith("ЗК-").isEqualTo(b.getNumber());
        assertThat(a.getStatus()).isEqualTo("ACCEPTED");
        assertThat(standIn.base().ordersCreated()).isEqualTo(before + 1);

        order.setExternalId("order-2");
        order.setClientCode("K-99999");
        assertThatThrownBy(() -> call(t, OnecStandIn.Endpoint.PRIMARY, "PostOrder", order))
                .isInstanceOfSatisfying(SoapFaultClientException.class, f -> {
                    assertThat(f.getFaultCode().getLocalPart()).isEqualTo("Client");
                    assertThat(f.getFaultStringOrReason()).contains("K-99999");
                });
        assertThat(standIn.base().order("order-2")).isNull();
    }

    @Test
    void failureControlsMakeRealFailures() throws Exception {
        String t = "секрет";
        JAXBElement<PageRequest> products = X.createGetProducts(page(null, 5).getValue());
        try {
            standIn.fault(OnecStandIn.Endpoint.PRIMARY, "GetProducts", "server", 1, 0);
            assertThatThrownBy(() -> call(t, OnecStandIn.Endpoint.PRIMARY, "GetProducts", products))
                    .isInstanceOfSatisfying(SoapFaultClientException.class, f -> assertThat(f.getFaultCode().getLocalPart()).isEqualTo("Server"));
            // once only
            assertThat(((GetProductsResponse) call(t, OnecStandIn.Endpoint.PRIMARY, "GetProducts", products)).getItem()).hasSize(5);

            standIn.fault(OnecStandIn.Endpoint.PRIMARY, null, "http500", -1, 0);
            assertThatThrownBy(() -> call(t, OnecStandIn.Endpoint.PRIMARY, "GetProducts", products))
                    .isInstanceOf(WebServiceTransportException.class).hasMessageContaining("500");
            standIn.clear(OnecStandIn.Endpoint.PRIMARY);

            standIn.down(OnecStandIn.Endpoint.PRIMARY);
            assertThatThrownBy(() -> call(t, OnecStandIn.Endpoint.PRIMARY, "GetProducts", products))
                    .isInstanceOf(WebServiceIOException.class);
            assertThat(((GetProductsResponse) call(t, OnecStandIn.Endpoint.ALTERNATIVE, "GetProducts", products)).getItem()).hasSize(5);
            standIn.up(OnecStandIn.Endpoint.PRIMARY);
            assertThat(((GetProductsResponse) call(t, OnecStandIn.Endpoint.PRIMARY, "GetProducts", products)).getItem().getFirst().getName())
                    .contains("«");

            // the same over the control port, as the README does it
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> down = http.send(HttpRequest.newBuilder(URI.create(standIn.controlUrl() + "/alternative/down"))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(down.statusCode()).isEqualTo(200);
            assertThat(down.body()).contains("\"alternative\":{").contains("\"up\":false");
            assertThat(standIn.isUp(OnecStandIn.Endpoint.ALTERNATIVE)).isFalse();
            HttpResponse<String> bad = http.send(HttpRequest.newBuilder(URI.create(standIn.controlUrl() + "/alternative/fault?kind=boom"))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(bad.statusCode()).isEqualTo(400);
        } finally {
            standIn.clear(OnecStandIn.Endpoint.PRIMARY);
            standIn.clear(OnecStandIn.Endpoint.ALTERNATIVE);
        }
    }

    @Test
    void aTakenPortStartsNothingAndLeavesNothingListening() throws Exception {
        java.net.InetAddress loopback = java.net.InetAddress.getLoopbackAddress();
        int primary;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0, 1, loopback)) {
            primary = probe.getLocalPort();
        }
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, loopback)) {
            int controlPort = taken.getLocalPort();
            assertThatThrownBy(() -> OnecStandIn.start(new OnecBase(), "u", "p", primary, 0, controlPort))
                    .isInstanceOf(java.io.UncheckedIOException.class).hasMessageContaining("is taken");
        }
        // the primary it had started is stopped again: its port can be taken
        try (java.net.ServerSocket again = new java.net.ServerSocket(primary, 1, loopback)) {
            assertThat(again.getLocalPort()).isEqualTo(primary);
        }
    }

    @Test
    void aWrongPasswordIs401AndTheWsdlNamesTheNodesAddress() throws Exception {
        assertThatThrownBy(() -> call("wrong", OnecStandIn.Endpoint.PRIMARY, "GetClients", page(null, 1)))
                .isInstanceOf(WebServiceTransportException.class).hasMessageContaining("401");
        HttpResponse<String> wsdl = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(standIn.wsdlUrl(OnecStandIn.Endpoint.ALTERNATIVE)))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(wsdl.statusCode()).isEqualTo(200);
        assertThat(wsdl.body()).contains("<soap:address location=\"" + endpoint(OnecStandIn.Endpoint.ALTERNATIVE) + "\"/>");
    }
}
