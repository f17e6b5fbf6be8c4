package uz.hisob.events.inventory;

import org.axonframework.serialization.Revision;

import java.time.LocalDate;
import java.util.List;

/** Stock that was damaged, expired or lost left the location, all lines at once. */
@Revision("1")
public record StockWrittenOff(String locationId, String writeOffId, List<StockLine> lines, String reason, LocalDate writtenOffOn) {
}
