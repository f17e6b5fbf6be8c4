package uz.hisob.api.field;

import uz.hisob.events.field.Fix;

import java.time.Instant;

/** What a device reports at a check-in or check-out: when ({@code at}, null = now), where, whether it was mocked. */
public record DeviceFix(Instant at, Fix location, boolean mocked, String provider) {
}
