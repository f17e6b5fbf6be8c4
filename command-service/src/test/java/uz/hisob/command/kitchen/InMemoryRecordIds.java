package uz.hisob.command.kitchen;

import uz.hisob.command.platform.RecordIds;

import java.util.HashSet;
import java.util.Set;

/** {@link RecordIds} for aggregate tests: the same once-per-aggregate rule, in memory (the system tests use the table). */
final class InMemoryRecordIds implements RecordIds {

    private final Set<String> claimed = new HashSet<>();

    @Override
    public boolean claim(String aggregateId, String recordId) {
        return claimed.add(aggregateId + "\n" + recordId);
    }

    boolean isClaimed(String aggregateId, String recordId) {
        return claimed.contains(aggregateId + "\n" + recordId);
    }
}
