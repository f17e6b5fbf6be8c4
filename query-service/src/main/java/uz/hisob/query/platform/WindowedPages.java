package uz.hisob.query.platform;

import io.r2dbc.spi.Readable;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;
import uz.hisob.platform.web.Page;
import uz.hisob.platform.web.PageRequest;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * A page of a read in one round trip: its rows carry the total ({@code count(*) OVER ()}). A page beyond the last has
 * no row to carry it, so only then is the total counted apart, and the answer still says how many there are
 * (common.md: {@code totalItems} is the list's).
 */
public final class WindowedPages {

    private WindowedPages() {
    }

    /**
     * {@code SELECT <columns> <from> <order> LIMIT … OFFSET …}: {@code from} is the {@code FROM … WHERE …} part (its
     * parameters bound by {@code binds}, for both statements), {@code order} the {@code ORDER BY} part.
     */
    public static <T> Mono<Page<T>> page(DatabaseClient db, String columns, String from, String order,
                                         UnaryOperator<DatabaseClient.GenericExecuteSpec> binds, PageRequest page,
                                         Function<Readable, T> mapper) {
        Mono<List<Map.Entry<T, Long>>> rows = binds.apply(db.sql("SELECT " + columns + ", count(*) OVER () AS window_total " + from + " "
                        + order + " LIMIT :limit OFFSET :offset"))
                .bind("limit", page.size()).bind("offset", page.offset())
                .map(row -> Map.entry(mapper.apply(row), ((Number) row.get("window_total")).longValue()))
                .all().collectList();
        return rows.flatMap(r -> r.isEmpty() && page.page() > 0
                ? binds.apply(db.sql("SELECT count(*) " + from)).map(row -> ((Number) row.get(0)).longValue()).one()
                .map(total -> Page.<T>of(List.of(), page, total))
                : Mono.just(Page.of(r.stream().map(Map.Entry::getKey).toList(), page, r.isEmpty() ? 0 : r.getFirst().getValue())));
    }
}
