package uz.hisob.command.onec.commerceml;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpCookie;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import uz.hisob.api.onec.ApplyCommerceMlBatch;
import uz.hisob.api.onec.OnecPriceItem;
import uz.hisob.api.onec.OnecProductItem;
import uz.hisob.api.onec.OnecStockItem;
import uz.hisob.command.onec.OnecLinks;
import uz.hisob.command.onec.OnecSecrets;
import uz.hisob.command.onec.sync.OnecPageImport;
import uz.hisob.command.platform.Actor;
import uz.hisob.command.platform.CommandSender;
import uz.hisob.events.onec.OnecCounts;
import uz.hisob.events.onec.OnecError;
import uz.hisob.platform.web.ApiException;
import uz.hisob.platform.web.Blocking;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * The standard 1C site exchange, CommerceML 2 (onec.md), as 1C:Trade Management, ERP and Retail run it with no 1C
 * programming: {@code GET|POST /api/onec/{p}/commerceml?type=catalog&mode=checkauth|init|file|import[&filename=…]}
 * with HTTP Basic auth as the project's {@code exchangeLogin}. {@code checkauth} answers {@code success}, the
 * cookie's name and value (the session every later call names); {@code init} answers {@code zip=yes} and
 * {@code file_limit} (chunks of at most this; the request body limit); {@code file} takes {@code import.xml},
 * {@code offers.xml} or a zip of them, a chunk per call; {@code import} applies the file named (found in the session's
 * uploads, or inside an uploaded zip), read as a stream, in batches of 1 000 items, each as a sync page is applied,
 * and answers {@code success} or {@code failure} with the reason. {@code type=sale}: {@code query} answers the
 * project's field orders 1C has not acknowledged as a CommerceML document ({@link CommerceMlOrders}), {@code success}
 * acknowledges them. Every other answer is {@code text/plain} in UTF-8.
 */
@RestController
public class CommerceMlEndpoint {

    public static final String COOKIE = "hisob_exchange";
    /** Chunks of at most this: under the request body limit (1 MiB). */
    public static final int FILE_LIMIT = 1_000_000;
    private static final int BATCH = 1000;
    private static final Logger log = LoggerFactory.getLogger(CommerceMlEndpoint.class);

    private final OnecLinks links;
    private final OnecSecrets secrets;
    private final CommerceMlFiles files;
    private final CommandSender commands;
    private final CommerceMlOrders orders;

    public CommerceMlEndpoint(OnecLinks links, OnecSecrets secrets, CommerceMlFiles files, CommandSender commands, CommerceMlOrders orders) {
        this.orders = orders;
        this.links = links;
        this.secrets = secrets;
        this.files = files;
        this.commands = commands;
    }

    @RequestMapping(path = "/api/onec/{projectId}/commerceml", method = {RequestMethod.GET, RequestMethod.POST})
    public Mono<ResponseEntity<String>> exchange(@PathVariable String projectId, @RequestParam(required = false) String type,
                                                 @RequestParam(required = false) String mode,
                                                 @RequestParam(required = false) String filename,
                                                 @RequestBody(required = false) byte[] body, ServerHttpRequest request) {
        String authorization = request.getHeaders().getFirst("Authorization");
        HttpCookie cookie = request.getCookies().getFirst(COOKIE);
        return Blocking.run(() -> {
            Optional<String> tenant = authenticate(projectId, authorization);
            if (tenant.isEmpty()) {
                // an error as every other of the API (a problem); 1C reports the HTTP status as the exchange's failure
                throw new ApiException(HttpStatus.UNAUTHORIZED, "UNAUTHENTICATED", "Wrong exchange login or password");
            }
            if (!"catalog".equals(type) && !"sale".equals(type)) {
                return text("failure\ntype must be catalog or sale\n");
            }
            if ("checkauth".equals(mode)) {
                CommerceMlFiles.Session session = files.open(tenant.get(), projectId);
                return text("success\n" + COOKIE + "\n" + session.id() + "\n");
            }
            Optional<CommerceMlFiles.Session> session = cookie == null ? Optional.empty() : files.session(cookie.getValue())
                    .filter(s -> s.projectId().equals(projectId) && s.tenant().equals(tenant.get()));
            if (session.isEmpty()) {
                return text("failure\nNo exchange session: call mode=checkauth first and send its cookie\n");
            }
            if ("sale".equals(type)) {
                return switch (mode == null ? "" : mode) {
                    case "init" -> text("zip=no\nfile_limit=" + FILE_LIMIT + "\n");
                    case "query" -> ResponseEntity.ok().contentType(new MediaType("application", "xml", StandardCharsets.UTF_8))
                            .body(orders.query(session.get()));
                    case "success" -> {
                        orders.acknowledge(session.get());
                        yield text("success\n");
                    }
                    case "file" -> text("success\n"); // orders 1C changed: Hisob takes their statuses from the web service
                    default -> text("failure\nmode must be checkauth, init, query, success or file\n");
                };
            }
            return switch (mode == null ? "" : mode) {
                case "init" -> {
                    files.clear(session.get().id());
                    yield text("zip=yes\nfile_limit=" + FILE_LIMIT + "\n");
                }
                case "file" -> {
                    String name = safeName(filename);
                    if (name == null || body == null || body.length == 0) {
                        yield text("failure\nfilename and a body are needed\n");
                    }
                    files.append(session.get().id(), name, body);
                    yield text("success\n");
                }
                case "import" -> text(importFile(session.get(), safeName(filename)));
                default -> text("failure\nmode must be checkauth, init, file or import\n");
            };
        });
    }

    private static final MediaType TEXT = new MediaType("text", "plain", StandardCharsets.UTF_8);

    private static ResponseEntity<String> text(String body) {
        return ResponseEntity.ok().contentType(TEXT).body(body);
    }

    /** The tenant whose project this is and whose exchange login and password these are. */
    private Optional<String> authenticate(String projectId, String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.empty();
        }
        String pair;
        try {
            pair = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        int colon = pair.indexOf(':');
        if (colon < 0) {
            return Optional.empty();
        }
        String login = pair.substring(0, colon);
        byte[] password = pair.substring(colon + 1).getBytes(StandardCharsets.UTF_8);
        for (OnecLinks.Row link : links.all()) {
            if (link.projectId().equals(projectId) && login.equals(link.settings().exchangeLogin())) {
                Optional<OnecSecrets.Plain> secret = secrets.read(link.tenant(), projectId);
                if (secret.isPresent() && secret.get().exchangePassword() != null
                        && MessageDigest.isEqual(secret.get().exchangePassword().getBytes(StandardCharsets.UTF_8), password)) {
                    return Optional.of(link.tenant());
                }
            }
        }
        return Optional.empty();
    }

    /** A file's own name (1C sends {@code import.xml}, {@code offers.xml}, {@code import_files/…}); null when it has none. */
    private static String safeName(String filename) {
        if (filename == null) {
            return null;
        }
        String name = filename.replace('\\', '/');
        name = name.substring(name.lastIndexOf('/') + 1).trim();
        return name.isEmpty() || name.length() > 200 ? null : name;
    }

    private String importFile(CommerceMlFiles.Session session, String name) {
        if (name == null) {
            return "failure\nfilename is needed\n";
        }
        if (files.progress(session.id(), name)[1] == 1) {
            return "success\n"; // imported already (1C asks again after a lost answer)
        }
        Actor actor = new Actor(session.tenant(), "1c-exchange", null);
        AtomicInteger batches = new AtomicInteger();
        OnecCounts[] total = {OnecCounts.NONE};
        List<OnecError> errors = new ArrayList<>();
        java.util.function.Consumer<ApplyCommerceMlBatch> apply = batch -> {
            OnecPageImport.CommerceMlAnswer a = (OnecPageImport.CommerceMlAnswer) commands.send(actor, batch).result();
            total[0] = total[0].plus(a.counts());
            errors.addAll(a.errors());
        };
        String exchange = session.id();
        try (InputStream in = open(session.id(), name)) {
            if (in == null) {
                return "failure\nNo file " + name + " was uploaded in this exchange\n";
            }
            if (name.toLowerCase(java.util.Locale.ROOT).startsWith("offers")) {
                CommerceMlReader.offers(in, BATCH,
                        prices -> apply.accept(batch(session, exchange, name, batches, List.of(), prices, List.of())),
                        stock -> apply.accept(batch(session, exchange, name, batches, List.of(), List.of(), stock)));
            } else {
                CommerceMlReader.products(in, BATCH, products -> apply.accept(batch(session, exchange, name, batches, products, List.of(), List.of())));
            }
        } catch (CommerceMlReader.Malformed e) {
            return "failure\n" + name + ": " + e.getMessage() + "\n";
        } catch (IOException e) {
            return "failure\n" + name + ": " + e.getMessage() + "\n";
        } catch (RuntimeException e) {
            // what was applied stays (each batch is its own transaction, and unchanged items append nothing): 1C sends
            // the file again, and the import continues past what it applied
            log.warn("CommerceML import of {} for {}/{} failed", name, session.tenant(), session.projectId(), e);
            return "failure\n" + name + ": the import failed inside Hisob after " + total[0].received() + " items; try the exchange again\n";
        }
        files.progressed(session.id(), name, total[0].received(), true);
        OnecCounts c = total[0];
        log.info("CommerceML import of {} for {}/{}: {} received, {} created, {} updated, {} unchanged, {} archived, {} failed{}", name,
                session.tenant(), session.projectId(), c.received(), c.created(), c.updated(), c.unchanged(), c.archived(), c.failed(),
                errors.isEmpty() ? "" : "; first error: " + errors.getFirst());
        return "success\n" + name + ": " + c.received() + " received, " + c.created() + " created, " + c.updated() + " updated, "
                + c.unchanged() + " unchanged, " + c.archived() + " archived, " + c.failed() + " failed"
                + (errors.isEmpty() ? "" : "; " + errors.getFirst().item() + ": " + errors.getFirst().message()) + "\n";
    }

    private static ApplyCommerceMlBatch batch(CommerceMlFiles.Session s, String exchange, String name, AtomicInteger n,
                                              List<OnecProductItem> products, List<OnecPriceItem> prices, List<OnecStockItem> stock) {
        return new ApplyCommerceMlBatch(s.tenant(), s.projectId(), exchange, name + "#" + n.incrementAndGet(), products, prices, stock);
    }

    /** The file as uploaded, or the entry of that name in an uploaded zip; null when neither is there. */
    private InputStream open(String sessionId, String name) throws IOException {
        List<String> uploaded = files.names(sessionId);
        if (uploaded.contains(name)) {
            return files.read(sessionId, name);
        }
        for (String file : uploaded) {
            if (!file.toLowerCase(java.util.Locale.ROOT).endsWith(".zip")) {
                continue;
            }
            ZipInputStream zip = new ZipInputStream(files.read(sessionId, file), StandardCharsets.UTF_8);
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                String entry = e.getName().replace('\\', '/');
                if (!e.isDirectory() && entry.substring(entry.lastIndexOf('/') + 1).equals(name)) {
                    return zip;
                }
            }
            zip.close();
        }
        return null;
    }
}
