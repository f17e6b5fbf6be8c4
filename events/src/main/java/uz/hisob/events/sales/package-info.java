/**
 * Online and field orders with their payments (docs/commerce.md, "Orders and payments"): an order's lines as the
 * server priced them, the stock reserved for it per location, its payment and refunds, and its way from
 * {@code PENDING_PAYMENT} to {@code COMPLETED} (or {@code EXPIRED}, {@code CANCELLED}). Every event is recorded by one
 * {@code Order} aggregate, whose id is the order's, except the tenant's sales settings ({@code SalesSettings}).
 */
package uz.hisob.events.sales;
