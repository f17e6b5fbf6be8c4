package uz.hisob.command.field;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;
import uz.hisob.events.field.Fix;

/** Where a device was at a check-in or check-out (field-sales.md: {@code {"lat","lon","accuracyMeters"}}, all three). */
public record DeviceLocation(@NotNull @DecimalMin("-90") @DecimalMax("90") Double lat,
                             @NotNull @DecimalMin("-180") @DecimalMax("180") Double lon,
                             @NotNull @DecimalMin("0") @DecimalMax("100000") Double accuracyMeters) {

    public Fix fix() {
        return new Fix(lat, lon, accuracyMeters);
    }
}
