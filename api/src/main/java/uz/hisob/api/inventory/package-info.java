/** The inventory's commands: each addresses one {@code StockLocation} (docs/commerce.md). */
package uz.hisob.api.inventory;
