package uz.hisob.query.platform;

import org.axonframework.common.transaction.TransactionManager;

import java.util.Set;

/**
 * A read model that can be rebuilt beside itself: each rebuild fills a new generation of its storage (tables,
 * an index) while reads keep answering from the active one, and {@link #switchTo} makes the new one active in one
 * atomic step. Implemented per read model; run by the admin's rebuild orchestration.
 */
public interface RebuildTarget {

    /** The name of the read model's event processor (and of the projection in the admin API). */
    String projection();

    /** The generation reads currently answer from. */
    int activeGeneration();

    /** Creates empty storage for {@code generation}, replacing any leftover of an earlier attempt. */
    void prepare(int generation);

    /**
     * The rebuild has caught up with the live processor and is about to be switched in: completes what {@link #prepare}
     * left out so that the bulk of the events went in faster (for example, the indexes of the largest tables, built once
     * from their rows rather than kept up row by row). The rebuild's processor keeps running meanwhile; what it writes
     * waits for this to end. A failure here fails the rebuild, and the active generation stays.
     */
    default void caughtUp(int generation) {
    }

    /** A fresh instance of the read model's event handlers, writing into {@code generation} and nowhere else. */
    Object handler(int generation);

    /** Every handler of the read model's processor, when it has more than one ({@link #handler} first). */
    default java.util.List<Object> handlers(int generation) {
        return java.util.List.of(handler(generation));
    }

    /** The transactions the rebuild's processor runs in (for example, with the generation's schema on the path). */
    default TransactionManager transactionManager(int generation, TransactionManager base) {
        return base;
    }

    /**
     * Makes {@code generation} the one reads and the live handlers use. Called inside the query database's transaction
     * that also hands the rebuild's tracking token to the live processor.
     */
    void switchTo(int generation);

    /** Deletes the storage of every generation not in {@code keep}. */
    void dropAllExcept(Set<Integer> keep);
}
