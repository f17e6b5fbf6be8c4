package uz.hisob.command.platform;

/**
 * Ids a client may choose for records inside an aggregate (a kitchen's deliveries, write-offs, counts, servings), each
 * usable once per aggregate. Keeping these ids out of the aggregate keeps its state (and its snapshots) from growing
 * with every record. Command handlers receive it as a parameter.
 */
public interface RecordIds {

    /** True if {@code recordId} was free in {@code aggregateId} and is now taken; false if it was used before. */
    boolean claim(String aggregateId, String recordId);
}
