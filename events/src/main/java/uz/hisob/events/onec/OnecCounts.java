package uz.hisob.events.onec;

/** What a page (or a run, summed) did with the items it received. */
public record OnecCounts(int received, int created, int updated, int unchanged, int archived, int failed) {

    public static final OnecCounts NONE = new OnecCounts(0, 0, 0, 0, 0, 0);

    public OnecCounts plus(OnecCounts o) {
        return new OnecCounts(received + o.received, created + o.created, updated + o.updated, unchanged + o.unchanged,
                archived + o.archived, failed + o.failed);
    }
}
