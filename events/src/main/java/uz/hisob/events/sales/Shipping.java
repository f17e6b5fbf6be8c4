package uz.hisob.events.sales;

/** Where an order goes. */
public record Shipping(String address, String phone) {
}
