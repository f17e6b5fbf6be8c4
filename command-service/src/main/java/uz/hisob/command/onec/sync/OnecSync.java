package uz.hisob.command.onec.sync;

import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.core.SimpleLock;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;
import net.javacrumbs.shedlock.support.KeepAliveLockProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import uz.hisob.api.CommandRefused;
import uz.hisob.api.onec.ApplyOnecPage;
import uz.hisob.api.onec.FinishOnecSync;
import uz.hisob.api.onec.OnecClientItem;
import uz.hisob.api.onec.OnecOrderStatusItem;
import uz.hisob.api.onec.OnecPriceItem;
import uz.hisob.api.onec.OnecProductItem;
import uz.hisob.api.onec.OnecStockItem;
import uz.hisob.api.onec.StartOnecSync;
import uz.hisob.api.onec.exchange.Client;
import uz.hisob.api.onec.exchange.GetClientsResponse;
import uz.hisob.api.onec.exchange.GetOrderStatusesResponse;
import uz.hisob.api.onec.exchange.OrderStatus;
import uz.hisob.api.onec.exchange.GetPricesResponse;
import uz.hisob.api.onec.exchange.GetProductsResponse;
import uz.hisob.api.onec.exchange.GetStockResponse;
import uz.hisob.api.onec.exchange.Price;
import uz.hisob.api.onec.exchange.Product;
import uz.hisob.api.onec.exchange.Stock;
import uz.hisob.api.onec.exchange.ObjectFactory;
import uz.hisob.api.onec.exchange.PageRequest;
import uz.hisob.command.onec.OnecClient;
import uz.hisob.command.onec.OnecLinks;
import uz.hisob.command.onec.OnecSecrets;
import uz.hisob.command.platform.Actor;
import uz.hisob.command.platform.CommandSender;
import uz.hisob.events.onec.OnecCall;
import uz.hisob.events.onec.OnecError;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Runs the synchronisation of linked projects with their 1C bases (onec.md): on demand, every
 * {@code syncEveryMinutes}, and again for a run whose instance stopped mid-run. A run reads each entity page by page
 * from its cursor and sends each page as one {@link ApplyOnecPage}; when 1C cannot be read (both endpoints failed, or
 * it refused the read), the run ends FAILED with the calls and the reason, and the next run continues from the last
 * page applied. A run holds its project's ShedLock lock (kept alive while it runs, released at its end): one run per
 * project across every instance; an instance that dies lets its lock lapse within {@code hisob.onec.lock-lapse}, and
 * the next tick of any instance resumes the run.
 */
@Component
public class OnecSync implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OnecSync.class);
    private static final ObjectFactory X = new ObjectFactory();

    private final CommandSender commands;
    private final OnecClient client;
    private final OnecLinks links;
    private final OnecSecrets secrets;
    private final Clock clock;
    private final LockProvider locks;
    private final Duration lockLapse;
    private final int pageSize;
    private final ExecutorService runs;
    private final ScheduledExecutorService keepAlive;
    private volatile boolean stopping;
    /** Projects whose run this instance has queued or is running. */
    private final java.util.Set<String> busy = java.util.concurrent.ConcurrentHashMap.newKeySet();

    public OnecSync(CommandSender commands, OnecClient client, OnecLinks links, OnecSecrets secrets, Clock clock, JdbcTemplate jdbc,
                    @Value("${hisob.onec.page-size:1000}") int pageSize, @Value("${hisob.onec.lock-lapse:PT30S}") Duration lockLapse) {
        this.commands = commands;
        this.client = client;
        this.links = links;
        this.secrets = secrets;
        this.clock = clock;
        this.pageSize = pageSize;
        this.lockLapse = lockLapse;
        this.keepAlive = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("onec-lock-keepalive").daemon().factory());
        this.locks = new KeepAliveLockProvider(new JdbcTemplateLockProvider(JdbcTemplateLockProvider.Configuration.builder()
                .withJdbcTemplate(jdbc).withTableName("shedlock").usingDbTime().build()), keepAlive);
        this.runs = Executors.newFixedThreadPool(2, Thread.ofPlatform().name("onec-sync-", 0).daemon().factory());
    }

    /**
     * Starts a run of the project as {@code actor} and answers its id; the run goes on in the background. Refused
     * while one runs (409 {@code SYNC_RUNNING}) and for a project not linked (409 {@code NOT_LINKED}).
     */
    public String start(Actor actor, String projectId, String trigger, List<String> entities, boolean full) {
        return start(actor, projectId, trigger, entities, full, UUID.randomUUID().toString(), new CommandSender.InTransaction() {
        });
    }

    /**
     * As {@link #start(Actor, String, String, List, boolean)}, as run {@code runId}, with {@code work} in the transaction of the run's start
     * (an HTTP answer recorded under its {@code Idempotency-Key}); the run goes on once it committed.
     */
    public String start(Actor actor, String projectId, String trigger, List<String> entities, boolean full, String runId,
                        CommandSender.InTransaction work) {
        @SuppressWarnings("unchecked")
        Map<String, String> cursors = (Map<String, String>) commands.send(actor,
                new StartOnecSync(actor.tenant(), projectId, runId, trigger, entities, full), work).result();
        String key = actor.tenant() + "\n" + projectId;
        busy.add(key);
        runs.execute(() -> {
            try {
                runLocked(actor.tenant(), projectId, runId, cursors);
            } finally {
                busy.remove(key);
            }
        });
        return runId;
    }

    /** Every few seconds: resumes runs left running by a stopped instance, and starts the runs that are due. */
    @Scheduled(fixedDelayString = "${hisob.onec.tick:PT5S}", initialDelayString = "${hisob.onec.tick:PT5S}")
    public void tick() {
        if (stopping) {
            return;
        }
        List<OnecLinks.Row> all;
        try {
            all = links.all();
        } catch (RuntimeException e) {
            log.warn("Could not read the 1C links; the next tick tries again: {}", e.toString());
            return;
        }
        for (OnecLinks.Row link : all) {
            if (link.runningRun() != null) {
                String key = link.tenant() + "\n" + link.projectId();
                if (busy.add(key)) { // not queued twice, not while this instance runs it
                    runs.execute(() -> {
                        try {
                            resume(link.tenant(), link.projectId(), link.runningRun());
                        } finally {
                            busy.remove(key);
                        }
                    });
                }
            } else if (!link.nextSyncAt().isAfter(clock.instant())) {
                try {
                    start(Actor.system(link.tenant()), link.projectId(), "SCHEDULE", StartOnecSync.ENTITIES, false);
                } catch (CommandRefused refused) {
                    log.debug("Scheduled 1C run of {}/{} not started: {}", link.tenant(), link.projectId(), refused.getMessage());
                } catch (RuntimeException e) {
                    log.warn("Could not start the scheduled 1C run of {}/{}: {}", link.tenant(), link.projectId(), e.toString());
                }
            }
        }
    }

    private void resume(String tenant, String projectId, String runId) {
        Optional<SimpleLock> lock = lock(tenant, projectId);
        if (lock.isEmpty()) {
            return; // running on this or another instance
        }
        try {
            @SuppressWarnings("unchecked")
            Map<String, String> cursors = (Map<String, String>) commands.send(Actor.system(tenant),
                    new StartOnecSync(tenant, projectId, runId, StartOnecSync.RESUME, StartOnecSync.ENTITIES, false)).result();
            log.info("Resuming 1C run {} of {}/{} from {}", runId, tenant, projectId, cursors);
            run(tenant, projectId, runId, cursors);
        } catch (CommandRefused refused) {
            log.debug("1C run {} not resumed: {}", runId, refused.getMessage());
        } finally {
            lock.get().unlock();
        }
    }

    private void runLocked(String tenant, String projectId, String runId, Map<String, String> cursors) {
        Optional<SimpleLock> lock = lock(tenant, projectId);
        if (lock.isEmpty()) {
            return; // another instance holds the project's lock: its tick resumes this run when it is free
        }
        try {
            run(tenant, projectId, runId, cursors);
        } finally {
            lock.get().unlock();
        }
    }

    /** The project's lock (its name a hash of tenant and project: the ids may be longer than ShedLock's name column). */
    private Optional<SimpleLock> lock(String tenant, String projectId) {
        String name = "onec:" + uz.hisob.command.onec.OnecItemHashes.hash(tenant + "\n" + projectId).substring(0, 40);
        return locks.lock(new LockConfiguration(clock.instant(), name, lockLapse, Duration.ZERO));
    }

    /** Reads and applies each entity's pages from its cursor; ends the run as its pages went, or FAILED. */
    private void run(String tenant, String projectId, String runId, Map<String, String> cursors) {
        Actor actor = Actor.system(tenant);
        Optional<OnecLinks.Row> link = links.find(tenant, projectId);
        Optional<OnecSecrets.Plain> secret = secrets.read(tenant, projectId);
        if (link.isEmpty() || secret.isEmpty()) {
            finish(actor, tenant, projectId, runId, true, List.of(), List.of(new OnecError("NOT_LINKED", null,
                    "The project's link to 1C or its password is gone")));
            return;
        }
        var s = link.get().settings();
        OnecClient.Target target = new OnecClient.Target(tenant, projectId, s.wsdlUrl(), s.alternativeWsdlUrl(), s.username(),
                secret.get().password(), Duration.ofSeconds(s.timeoutSeconds()));
        try {
            for (Map.Entry<String, String> entity : cursors.entrySet()) {
                String cursor = entity.getValue();
                boolean more = true;
                while (more) {
                    if (stopping) {
                        return; // the instance stops: the run stays RUNNING and is resumed from its last applied page
                    }
                    ApplyOnecPage page = read(target, runId, entity.getKey(), cursor);
                    commands.send(actor, page);
                    cursor = page.cursor();
                    more = page.more();
                }
            }
            finish(actor, tenant, projectId, runId, false, List.of(), List.of());
        } catch (OnecClient.Unavailable e) {
            finish(actor, tenant, projectId, runId, true, e.calls(), List.of(new OnecError("UNAVAILABLE", null, e.getMessage())));
        } catch (OnecClient.Refused e) {
            finish(actor, tenant, projectId, runId, true, e.calls(), List.of(new OnecError("REFUSED", null, e.getMessage())));
        } catch (CommandRefused e) {
            if ("RUN_NOT_RUNNING".equals(e.code())) {
                log.info("1C run {} of {}/{} ended meanwhile: {}", runId, tenant, projectId, e.getMessage());
                return; // it ended (unlinked, or finished elsewhere): nothing more to record
            }
            // a page its link refused: the run ends with why, rather than stay RUNNING and be resumed into the refusal
            log.warn("1C run {} of {}/{} stopped: {}", runId, tenant, projectId, e.getMessage());
            finish(actor, tenant, projectId, runId, true, List.of(), List.of(new OnecError(e.code(), null, e.getMessage())));
        } catch (RuntimeException e) {
            if (stopping) {
                return;
            }
            log.warn("1C run {} of {}/{} failed", runId, tenant, projectId, e);
            finish(actor, tenant, projectId, runId, true, List.of(),
                    List.of(new OnecError("INTERNAL", null, "The run failed inside Hisob; the command-service's log has why")));
        }
    }

    private void finish(Actor actor, String tenant, String projectId, String runId, boolean failed, List<OnecCall> calls,
                        List<OnecError> errors) {
        commands.send(actor, new FinishOnecSync(tenant, projectId, runId, failed, calls, errors));
    }

    /** One page of an entity from {@code since}, as the command that applies it. */
    private ApplyOnecPage read(OnecClient.Target target, String runId, String entity, String since) {
        PageRequest request = new PageRequest();
        request.setSince(since);
        request.setLimit(pageSize);
        String t = target.tenant();
        String p = target.projectId();
        return switch (entity) {
            case "clients" -> {
                OnecClient.Answer<GetClientsResponse> a = client.call(target, "GetClients", X.createGetClients(request), GetClientsResponse.class);
                List<OnecClientItem> items = new ArrayList<>(a.value().getItem().size());
                for (Client c : a.value().getItem()) {
                    items.add(new OnecClientItem(c.getCode(), c.getName(), c.getLegalName(), c.getTin(), c.getPhone(), c.getAddress(),
                            c.getLat(), c.getLon(), List.copyOf(c.getAgentCode()), c.getPriceTypeCode(), c.isDeleted()));
                }
                yield new ApplyOnecPage(t, p, runId, entity, since, a.value().getNext(), a.value().isMore(), items, List.of(), List.of(),
                        List.of(), List.of(), a.calls());
            }
            case "products" -> {
                OnecClient.Answer<GetProductsResponse> a = client.call(target, "GetProducts", X.createGetProducts(request), GetProductsResponse.class);
                List<OnecProductItem> items = new ArrayList<>(a.value().getItem().size());
                for (Product x : a.value().getItem()) {
                    items.add(new OnecProductItem(x.getCode(), x.getName(), x.getArticle(), x.getUnit(), x.getCategoryCode(),
                            x.getCategoryName(), List.copyOf(x.getBarcode()), x.isDeleted()));
                }
                yield new ApplyOnecPage(t, p, runId, entity, since, a.value().getNext(), a.value().isMore(), List.of(), items, List.of(),
                        List.of(), List.of(), a.calls());
            }
            case "prices" -> {
                OnecClient.Answer<GetPricesResponse> a = client.call(target, "GetPrices", X.createGetPrices(request), GetPricesResponse.class);
                List<OnecPriceItem> items = new ArrayList<>(a.value().getItem().size());
                for (Price x : a.value().getItem()) {
                    items.add(new OnecPriceItem(x.getProductCode(), x.getPriceTypeCode(), x.getPriceTypeName(), x.getPrice(), x.getCurrency(),
                            x.getValidFrom() == null ? null : x.getValidFrom().toGregorianCalendar().toInstant()));
                }
                yield new ApplyOnecPage(t, p, runId, entity, since, a.value().getNext(), a.value().isMore(), List.of(), List.of(), items,
                        List.of(), List.of(), a.calls());
            }
            case "stock" -> {
                OnecClient.Answer<GetStockResponse> a = client.call(target, "GetStock", X.createGetStock(request), GetStockResponse.class);
                List<OnecStockItem> items = new ArrayList<>(a.value().getItem().size());
                for (Stock x : a.value().getItem()) {
                    items.add(new OnecStockItem(x.getProductCode(), x.getWarehouseCode(), x.getWarehouseName(), x.getQuantity()));
                }
                yield new ApplyOnecPage(t, p, runId, entity, since, a.value().getNext(), a.value().isMore(), List.of(), List.of(), List.of(),
                        items, List.of(), a.calls());
            }
            case StartOnecSync.ORDER_STATUSES -> {
                OnecClient.Answer<GetOrderStatusesResponse> a = client.call(target, "GetOrderStatuses", X.createGetOrderStatuses(request),
                        GetOrderStatusesResponse.class);
                List<OnecOrderStatusItem> items = new ArrayList<>(a.value().getItem().size());
                for (OrderStatus x : a.value().getItem()) {
                    items.add(new OnecOrderStatusItem(x.getExternalId(), x.getNumber(), x.getStatus(),
                            x.getChangedAt() == null ? null : x.getChangedAt().toGregorianCalendar().toInstant()));
                }
                yield new ApplyOnecPage(t, p, runId, entity, since, a.value().getNext(), a.value().isMore(), List.of(), List.of(), List.of(),
                        List.of(), items, a.calls());
            }
            default -> throw new IllegalArgumentException("unknown entity " + entity);
        };
    }

    private volatile boolean started;

    @Override
    public void start() {
        started = true;
    }

    @Override
    public boolean isRunning() {
        return started;
    }

    /** Before Axon's own components (whose phases are lower): a run's last page is sent while they still work. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE;
    }

    /**
     * A stopping instance lets its runs end between pages (the page in flight is applied whole or not at all), and
     * releases their locks, so another instance resumes them at once; they stay RUNNING meanwhile.
     */
    @Override
    public void stop() {
        stopping = true;
        started = false;
        runs.shutdown();
        try {
            if (!runs.awaitTermination(20, java.util.concurrent.TimeUnit.SECONDS)) {
                log.warn("1C runs did not stop within 20 s; they are resumed from their last applied page");
                runs.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        keepAlive.shutdownNow();
    }
}
