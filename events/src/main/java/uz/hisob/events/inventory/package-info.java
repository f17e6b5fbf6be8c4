/**
 * The inventory ledger of commerce (docs/commerce.md): stock per product and location as movements that never take
 * {@code onHand} or {@code available = onHand − reserved} below zero. Every event here is recorded by one
 * {@code StockLocation} aggregate, whose id is the location's.
 */
package uz.hisob.events.inventory;
