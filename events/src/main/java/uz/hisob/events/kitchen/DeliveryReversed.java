package uz.hisob.events.kitchen;

import org.axonframework.serialization.Revision;

import java.time.LocalDate;

/**
 * A delivery was taken back (booked by mistake, returned to the supplier). Its business date is the delivery's own
 * {@code deliveredOn}: the reversal cancels the receipt where it was booked.
 */
@Revision("1")
public record DeliveryReversed(String kitchenId, String deliveryId, String ingredientId, long grams,
                               LocalDate deliveredOn, String reason) {
}
