package uz.hisob.api.images;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A manager's verdict on an uploaded photo: {@code APPROVED} or {@code REJECTED}, with a note. */
public record ReviewImage(String tenant, String imageId, String status, String note) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return Images.aggregateId(tenant, imageId);
    }
}
