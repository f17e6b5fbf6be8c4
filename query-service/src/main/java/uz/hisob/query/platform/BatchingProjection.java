package uz.hisob.query.platform;

/**
 * A projection that queues its writes per processor batch and sends them just before the batch commits (fewer round
 * trips). While its processor isolates events ({@link FailureIsolation}), every event's writes must be sent inside
 * that event's own handling, so that a failure is that event's alone and can be dead-lettered.
 */
public interface BatchingProjection {

    /** Sends what the events handled so far in this batch have queued. */
    void flushPending();

    /** Drops what is queued and whatever state was loaded for the batch: the database is read afresh next time. */
    void discardPending();
}
