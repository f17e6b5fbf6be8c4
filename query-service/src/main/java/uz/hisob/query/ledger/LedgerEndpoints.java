package uz.hisob.query.ledger;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.json.JsonMapper;
import uz.hisob.platform.security.Caller;
import uz.hisob.platform.web.ApiException;
import uz.hisob.platform.web.Page;
import uz.hisob.platform.web.PageRequest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The ledger (ADMIN, AUDITOR): list, NDJSON export and hash-chain verification, straight from the event store. */
@RestController
public class LedgerEndpoints {

    private final Ledger ledger;
    private final CheckpointVerifier checkpoints;
    private final JsonMapper json;

    public LedgerEndpoints(Ledger ledger, CheckpointVerifier checkpoints, JsonMapper json) {
        this.ledger = ledger;
        this.checkpoints = checkpoints;
        this.json = json;
    }

    @GetMapping("/api/ledger")
    public Mono<Page<Map<String, Object>>> list(Caller caller, PageRequest page,
                                                @RequestParam(required = false) String aggregateId,
                                                @RequestParam(required = false) String eventType,
                                                @RequestParam(required = false) String user,
                                                @RequestParam(required = false) Instant from,
                                                @RequestParam(required = false) Instant to) {
        Ledger.Filter f = filter(caller, aggregateId, eventType, user, from, to);
        return Mono.fromCallable(() -> {
            List<Map<String, Object>> items = new ArrayList<>();
            ledger.stream(f, page.offset(), page.size(), items::add);
            return Page.of(items, page, ledger.count(f));
        }).subscribeOn(Schedulers.boundedElastic());
    }

    @GetMapping(path = "/api/ledger/export", produces = "application/x-ndjson")
    public Flux<DataBuffer> export(Caller caller, @RequestParam(required = false) Instant from,
                                   @RequestParam(required = false) Instant to) {
        Ledger.Filter f = filter(caller, null, null, null, from, to);
        DefaultDataBufferFactory buffers = DefaultDataBufferFactory.sharedInstance;
        return Flux.<DataBuffer, Ledger.Cursor>generate(() -> ledger.open(f), (cursor, sink) -> {
                    Map<String, Object> entry = cursor.next();
                    if (entry == null) {
                        sink.complete();
                    } else {
                        byte[] line = json.writeValueAsBytes(entry);
                        DataBuffer b = buffers.allocateBuffer(line.length + 1);
                        b.write(line);
                        b.write((byte) '\n');
                        sink.next(b);
                    }
                    return cursor;
                }, Ledger.Cursor::close)
                .subscribeOn(Schedulers.boundedElastic());
    }

    @GetMapping("/api/ledger/verify")
    public Mono<Map<String, Object>> verify(Caller caller, @RequestParam(required = false) Instant from,
                                            @RequestParam(required = false) Instant to,
                                            @RequestParam(required = false) String checkpoint) {
        checkRange(from, to);
        return Mono.fromCallable(() -> {
            Ledger.Checkpoint through = checkpoint == null ? null : checkpoints.verify(checkpoint, caller.tenant());
            Ledger.Verification v = ledger.verify(caller.tenant(), from, to, through);
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("verified", v.verified());
            body.put("eventsChecked", v.eventsChecked());
            if (v.verified()) {
                body.put("headHash", v.headHash());
            } else {
                body.put("firstBrokenPosition", v.firstBrokenPosition());
                body.put("reason", v.reason());
            }
            body.put("sealedUpTo", v.sealedUpTo());
            return body;
        }).subscribeOn(Schedulers.boundedElastic());
    }

    /** The tenant's signed checkpoints, newest first (audit.md "Checkpoints"). */
    @GetMapping("/api/ledger/checkpoints")
    public Mono<Page<Map<String, Object>>> checkpoints(Caller caller, PageRequest page) {
        return Mono.fromCallable(() -> Page.of(ledger.checkpoints(caller.tenant(), page.offset(), page.size()), page,
                ledger.countCheckpoints(caller.tenant()))).subscribeOn(Schedulers.boundedElastic());
    }

    private static Ledger.Filter filter(Caller caller, String aggregateId, String eventType, String user, Instant from, Instant to) {
        checkRange(from, to);
        return new Ledger.Filter(caller.tenant(), aggregateId, eventType, user, from, to);
    }

    private static void checkRange(Instant from, Instant to) {
        if (from != null && to != null && !from.isBefore(to)) {
            throw ApiException.invalid("to", "must be after from");
        }
    }
}
