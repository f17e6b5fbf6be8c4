package uz.hisob.command.field;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;
import uz.hisob.events.field.GeoPoint;

/** A place in a request body (common.md: WGS 84 decimal degrees), e.g. a client's location. */
public record LocationBody(@NotNull @DecimalMin("-90") @DecimalMax("90") Double lat,
                           @NotNull @DecimalMin("-180") @DecimalMax("180") Double lon,
                           @DecimalMin("0") @DecimalMax("100000") Double accuracyMeters) {

    public GeoPoint point() {
        return new GeoPoint(lat, lon);
    }
}
