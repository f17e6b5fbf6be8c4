package uz.hisob.command.onec.sync;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.Repository;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.stereotype.Component;
import uz.hisob.api.CommandRefused;
import uz.hisob.api.onec.ApplyCommerceMlBatch;
import uz.hisob.api.onec.ApplyOnecPage;
import uz.hisob.api.onec.OnecIds;
import uz.hisob.command.onec.OnecLink;
import uz.hisob.events.onec.OnecCounts;
import uz.hisob.events.onec.OnecError;

import java.util.ArrayList;
import java.util.List;

/**
 * Applies a page read from 1C in one unit of work: every item is decided by the aggregate that owns it (a client by
 * its {@code Client}, a product, category or price by the tenant's {@code Catalogue}, a quantity by its location's
 * {@code StockLocation}), as the API's own commands would be, and the {@link OnecLink} records the page and moves the
 * entity's cursor, all in this command's one transaction: a page is applied whole or not at all, and a run resumed
 * after any interruption starts from the last page applied. An item 1C sends unchanged appends nothing (its content
 * hash says so, {@code OnecItemHashes}). An item refused (say, a 1C code another client holds) is counted as failed
 * with the reason, and the rest of the page is applied.
 */
@Component
public class OnecPageImport {

    private final BeanFactory beans;
    private final ClientPages clients;
    private final ProductPages products;
    private final PricePages prices;
    private final StockPages stock;
    private final OrderStatusPages statuses;

    public OnecPageImport(BeanFactory beans, ClientPages clients, ProductPages products, PricePages prices, StockPages stock,
                          OrderStatusPages statuses) {
        this.statuses = statuses;
        this.beans = beans;
        this.clients = clients;
        this.products = products;
        this.prices = prices;
        this.stock = stock;
    }

    @CommandHandler
    @SuppressWarnings("unchecked")
    public OnecCounts handle(ApplyOnecPage cmd) throws Exception {
        Repository<OnecLink> links = beans.getBean("onecLinkRepository", Repository.class);
        Aggregate<OnecLink> link = links.load(OnecIds.link(cmd.tenant(), cmd.projectId()));
        link.execute(l -> l.checkPage(cmd.runId(), cmd.entity(), cmd.since()));
        List<OnecError> errors = new ArrayList<>();
        OnecCounts counts = switch (cmd.entity()) {
            case "clients" -> clients.apply(cmd, errors);
            case "products" -> products.apply(cmd, errors);
            case "prices" -> prices.apply(cmd, errors);
            case "stock" -> stock.apply(cmd, errors);
            case uz.hisob.api.onec.StartOnecSync.ORDER_STATUSES -> statuses.apply(cmd);
            default -> throw CommandRefused.invalid("entity", "is not one of products, prices, stock, clients");
        };
        link.execute(l -> l.pageApplied(cmd.runId(), cmd.entity(), cmd.since(), cmd.cursor(), cmd.more(), counts, cmd.calls(), errors));
        return counts;
    }

    /**
     * A batch of a CommerceML file: the same pages' rules, no run and no cursor (the file is what 1C exchanges). Answers
     * the counts; the items refused are logged by the caller with the errors it is handed.
     */
    @CommandHandler
    public CommerceMlAnswer handle(ApplyCommerceMlBatch cmd) throws Exception {
        List<OnecError> errors = new ArrayList<>();
        String entity = !cmd.products().isEmpty() ? "products" : !cmd.prices().isEmpty() ? "prices" : "stock";
        ApplyOnecPage page = new ApplyOnecPage(cmd.tenant(), cmd.projectId(), "cml-" + cmd.exchangeId(), entity, cmd.batch(), cmd.batch(),
                true, List.of(), cmd.products(), cmd.prices(), cmd.stock(), List.of(), List.of());
        OnecCounts counts = switch (entity) {
            case "products" -> products.apply(page, errors);
            case "prices" -> prices.apply(page, errors);
            default -> stock.apply(page, errors);
        };
        return new CommerceMlAnswer(counts, errors);
    }

    /** What a CommerceML batch did. */
    public record CommerceMlAnswer(OnecCounts counts, List<OnecError> errors) {
    }

    /** What an item's refusal records: its code (or kind), the item, why. */
    static OnecError refusal(CommandRefused refused, String item) {
        return new OnecError(refused.code() == null ? refused.kind().name() : refused.code(), item, refused.getMessage());
    }
}
