package uz.hisob.api.onec;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import uz.hisob.events.onec.OnecLinkSettings;

/**
 * Links a project to its 1C base, or changes the link. The passwords travel with the command only (they are stored
 * encrypted, never in an event); a null password keeps the one stored. The {@code passwordSet} flags of
 * {@code settings} are the handler's to decide.
 */
public record ConfigureOnecLink(String tenant, String projectId, OnecLinkSettings settings, String password, String exchangePassword) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return OnecIds.link(tenant, projectId);
    }

    @Override
    public String toString() {
        return "ConfigureOnecLink[tenant=" + tenant + ", projectId=" + projectId + ", settings=" + settings + ", password="
                + (password == null ? "kept" : "***") + ", exchangePassword=" + (exchangePassword == null ? "kept" : "***") + "]";
    }
}
