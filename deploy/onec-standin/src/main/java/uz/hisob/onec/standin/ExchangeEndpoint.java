package uz.hisob.onec.standin;

import jakarta.xml.bind.JAXBElement;
import org.springframework.ws.server.endpoint.annotation.Endpoint;
import org.springframework.ws.server.endpoint.annotation.PayloadRoot;
import org.springframework.ws.server.endpoint.annotation.RequestPayload;
import org.springframework.ws.server.endpoint.annotation.ResponsePayload;
import uz.hisob.api.onec.exchange.Authenticate;
import uz.hisob.api.onec.exchange.AuthenticateResponse;
import uz.hisob.api.onec.exchange.GetClientsResponse;
import uz.hisob.api.onec.exchange.GetOrderStatusesResponse;
import uz.hisob.api.onec.exchange.GetPricesResponse;
import uz.hisob.api.onec.exchange.GetProductsResponse;
import uz.hisob.api.onec.exchange.GetStockResponse;
import uz.hisob.api.onec.exchange.PageRequest;
import uz.hisob.api.onec.exchange.Ping;
import uz.hisob.api.onec.exchange.PingResponse;
import uz.hisob.api.onec.exchange.PostOrder;
import uz.hisob.api.onec.exchange.PostOrderResponse;

import javax.xml.datatype.DatatypeConfigurationException;
import javax.xml.datatype.DatatypeFactory;
import javax.xml.datatype.XMLGregorianCalendar;
import java.time.Clock;
import java.time.Instant;
import java.util.GregorianCalendar;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * The exchange web service of {@code hisob-exchange.wsdl}, answered from an {@link OnecBase}. The node a call came to
 * and the fault it was told to meet are the transport's ({@link OnecStandIn}); this class is the base's side only.
 */
@Endpoint
final class ExchangeEndpoint {

    static final String NS = "urn:hisob:onec:exchange:1";
    static final int MAX_PAGE = 5000;

    /** The fault the current call was told to meet (set by the transport for the duration of the call). */
    static final ThreadLocal<Node.Fault> FAULT = new ThreadLocal<>();

    private final OnecBase base;
    private final Clock clock;
    private final DatatypeFactory xml;

    ExchangeEndpoint(OnecBase base, Clock clock) {
        this.base = base;
        this.clock = clock;
        try {
            this.xml = DatatypeFactory.newInstance();
        } catch (DatatypeConfigurationException e) {
            throw new IllegalStateException(e);
        }
    }

    @PayloadRoot(namespace = NS, localPart = "Ping")
    @ResponsePayload
    public PingResponse ping(@RequestPayload Ping request) {
        return answer(() -> {
            PingResponse r = new PingResponse();
            r.setBase("Hisob stand-in 1C:Enterprise 8.3 (УТ 11.5)");
            r.setVersion("1");
            return r;
        });
    }

    @PayloadRoot(namespace = NS, localPart = "Authenticate")
    @ResponsePayload
    public AuthenticateResponse authenticate(@RequestPayload Authenticate request) {
        return answer(() -> {
            OnecBase.User user = base.user(request.getLogin());
            AuthenticateResponse r = new AuthenticateResponse();
            r.setOk(user != null && user.password().equals(request.getPassword()));
            if (r.isOk()) {
                r.setAgentCode(user.agentCode());
                r.setFullName(user.fullName());
            }
            return r;
        });
    }

    @PayloadRoot(namespace = NS, localPart = "GetProducts")
    @ResponsePayload
    public GetProductsResponse products(@RequestPayload JAXBElement<PageRequest> request) {
        return page(request, base::products, GetProductsResponse::new, (r, p) -> r.getItem().add(product(p)),
                GetProductsResponse::setNext, GetProductsResponse::setMore);
    }

    @PayloadRoot(namespace = NS, localPart = "GetPrices")
    @ResponsePayload
    public GetPricesResponse prices(@RequestPayload JAXBElement<PageRequest> request) {
        return page(request, base::prices, GetPricesResponse::new, (r, p) -> r.getItem().add(price(p)),
                GetPricesResponse::setNext, GetPricesResponse::setMore);
    }

    @PayloadRoot(namespace = NS, localPart = "GetStock")
    @ResponsePayload
    public GetStockResponse stock(@RequestPayload JAXBElement<PageRequest> request) {
        return page(request, base::stock, GetStockResponse::new, (r, s) -> r.getItem().add(stock(s)),
                GetStockResponse::setNext, GetStockResponse::setMore);
    }

    @PayloadRoot(namespace = NS, localPart = "GetClients")
    @ResponsePayload
    public GetClientsResponse clients(@RequestPayload JAXBElement<PageRequest> request) {
        return page(request, base::clients, GetClientsResponse::new, (r, c) -> r.getItem().add(client(c)),
                GetClientsResponse::setNext, GetClientsResponse::setMore);
    }

    @PayloadRoot(namespace = NS, localPart = "GetOrderStatuses")
    @ResponsePayload
    public GetOrderStatusesResponse orderStatuses(@RequestPayload JAXBElement<PageRequest> request) {
        return page(request, base::orderStatuses, GetOrderStatusesResponse::new, (r, o) -> r.getItem().add(status(o)),
                GetOrderStatusesResponse::setNext, GetOrderStatusesResponse::setMore);
    }

    @PayloadRoot(namespace = NS, localPart = "PostOrder")
    @ResponsePayload
    public PostOrderResponse postOrder(@RequestPayload PostOrder request) {
        return answer(() -> {
            if (base.client(request.getClientCode()) == null) {
                throw new Refused("Контрагент с кодом «" + request.getClientCode() + "» не найден");
            }
            if (request.getLine().isEmpty()) {
                throw new Refused("В заказе нет строк");
            }
            for (uz.hisob.api.onec.exchange.OrderLine line : request.getLine()) {
                if (base.product(line.getProductCode()) == null) {
                    throw new Refused("Номенклатура с кодом «" + line.getProductCode() + "» не найдена");
                }
                if (line.getQuantity() <= 0) {
                    throw new Refused("Количество по строке «" + line.getProductCode() + "» должно быть больше нуля");
                }
            }
            List<OnecBase.OrderLine> lines = request.getLine().stream()
                    .map(l -> new OnecBase.OrderLine(l.getProductCode(), l.getQuantity(), l.getPrice())).toList();
            OnecBase.Order order = base.postOrder(request.getExternalId(), request.getClientCode(), request.getAgentCode(),
                    request.getDate().toGregorianCalendar().toInstant(), request.getCurrency(), lines, request.getComment(),
                    clock.instant());
            PostOrderResponse r = new PostOrderResponse();
            r.setNumber(order.number());
            r.setStatus(order.status());
            return r;
        });
    }

    /** Meets the call's fault, if any, around the base's answer. */
    private <R> R answer(Supplier<R> work) {
        Node.Fault fault = FAULT.get();
        if (fault != null && fault.kind() == Node.FaultKind.SERVER) {
            throw new Broken("Сервер 1С:Предприятия временно недоступен (конфликт блокировок при выполнении транзакции)");
        }
        if (fault != null && fault.kind() == Node.FaultKind.CLIENT) {
            throw new Refused("Запрос отклонён базой");
        }
        R result = work.get();
        if (fault != null && fault.kind() == Node.FaultKind.LOST) {
            try {
                Thread.sleep(fault.ms());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return result;
    }

    private <T, R> R page(JAXBElement<PageRequest> request, BiFunction<String, Integer, OnecBase.Page<T>> read,
                          Supplier<R> response, BiConsumer<R, T> add,
                          BiConsumer<R, String> next, BiConsumer<R, Boolean> more) {
        return answer(() -> {
            PageRequest p = request.getValue();
            if (p.getLimit() < 1 || p.getLimit() > MAX_PAGE) {
                throw new Refused("limit: от 1 до " + MAX_PAGE);
            }
            OnecBase.Page<T> page;
            try {
                page = read.apply(p.getSince(), p.getLimit());
            } catch (NumberFormatException e) {
                throw new Refused("since: неизвестная отметка «" + p.getSince() + "»");
            }
            R r = response.get();
            page.items().forEach(item -> add.accept(r, item));
            next.accept(r, page.next());
            more.accept(r, page.more());
            return r;
        });
    }

    private static uz.hisob.api.onec.exchange.Product product(OnecBase.Product p) {
        uz.hisob.api.onec.exchange.Product x = new uz.hisob.api.onec.exchange.Product();
        x.setCode(p.code());
        x.setName(p.name());
        x.setArticle(p.article());
        x.setUnit(p.unit());
        x.setCategoryCode(p.categoryCode());
        x.setCategoryName(p.categoryName());
        x.getBarcode().addAll(p.barcodes());
        x.setDeleted(p.deleted());
        return x;
    }

    private uz.hisob.api.onec.exchange.Price price(OnecBase.Price p) {
        uz.hisob.api.onec.exchange.Price x = new uz.hisob.api.onec.exchange.Price();
        x.setProductCode(p.productCode());
        x.setPriceTypeCode(p.priceTypeCode());
        x.setPriceTypeName(p.priceTypeName());
        x.setPrice(p.price());
        x.setCurrency(p.currency());
        x.setValidFrom(time(p.validFrom()));
        return x;
    }

    private static uz.hisob.api.onec.exchange.Stock stock(OnecBase.Stock s) {
        uz.hisob.api.onec.exchange.Stock x = new uz.hisob.api.onec.exchange.Stock();
        x.setProductCode(s.productCode());
        x.setWarehouseCode(s.warehouseCode());
        x.setWarehouseName(s.warehouseName());
        x.setQuantity(s.quantity());
        return x;
    }

    private static uz.hisob.api.onec.exchange.Client client(OnecBase.Client c) {
        uz.hisob.api.onec.exchange.Client x = new uz.hisob.api.onec.exchange.Client();
        x.setCode(c.code());
        x.setName(c.name());
        x.setLegalName(c.legalName());
        x.setTin(c.tin());
        x.setPhone(c.phone());
        x.setAddress(c.address());
        x.setLat(c.lat());
        x.setLon(c.lon());
        x.getAgentCode().addAll(c.agentCodes());
        x.setPriceTypeCode(c.priceTypeCode());
        x.setDeleted(c.deleted());
        return x;
    }

    private uz.hisob.api.onec.exchange.OrderStatus status(OnecBase.Order o) {
        uz.hisob.api.onec.exchange.OrderStatus x = new uz.hisob.api.onec.exchange.OrderStatus();
        x.setExternalId(o.externalId());
        x.setNumber(o.number());
        x.setStatus(o.status());
        x.setChangedAt(time(o.changedAt()));
        return x;
    }

    private XMLGregorianCalendar time(Instant at) {
        GregorianCalendar c = new GregorianCalendar(java.util.TimeZone.getTimeZone("UTC"));
        c.setTimeInMillis(at.toEpochMilli());
        return xml.newXMLGregorianCalendar(c);
    }
}
