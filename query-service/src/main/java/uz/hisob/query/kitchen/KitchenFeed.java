package uz.hisob.query.kitchen;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The kitchens' change feed ({@code kitchen_change}), which the live stream sends in {@code seq} order and resumes
 * after {@code Last-Event-ID}. That resume is exact only if rows become visible in {@code seq} order: two
 * transactions appending at once could commit a lower {@code seq} after a client already read a higher one, and that
 * client would skip it forever. So every writer (the projection's batches, the month-end job) takes this lock before
 * it appends; it is held to the commit, and readers never wait for it.
 */
public final class KitchenFeed {

    private KitchenFeed() {
    }

    /** Within the caller's transaction: no other transaction appends to the feed until this one ends. */
    public static void lockForAppend(JdbcTemplate jdbc) {
        jdbc.execute("LOCK TABLE kitchen_change IN EXCLUSIVE MODE");
    }
}
