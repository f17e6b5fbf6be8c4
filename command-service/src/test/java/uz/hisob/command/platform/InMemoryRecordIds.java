package uz.hisob.command.platform;

import java.util.HashSet;
import java.util.Set;

/** {@link RecordIds} for aggregate tests: the same once-per-aggregate rule, in memory (the system tests use the table). */
public final class InMemoryRecordIds implements RecordIds {

    private final Set<String> claimed = new HashSet<>();

    @Override
    public boolean claim(String aggregateId, String recordId) {
        return claimed.add(aggregateId + "\n" + recordId);
    }

    public boolean isClaimed(String aggregateId, String recordId) {
        return claimed.contains(aggregateId + "\n" + recordId);
    }
}
