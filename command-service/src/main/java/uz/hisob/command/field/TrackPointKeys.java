package uz.hisob.command.field;

import java.time.Instant;
import java.util.Collection;
import java.util.Set;

/** Which instants of an agent's track are stored already; written in the transaction of the batch that stores them. */
public interface TrackPointKeys {

    /** Claims the instants not claimed before and answers them: the others are duplicates. */
    Set<Instant> claimNew(String tenant, String agentId, Collection<Instant> instants);
}
