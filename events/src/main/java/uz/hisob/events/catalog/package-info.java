/**
 * The catalogue of commerce (docs/commerce.md): categories (a tree), products, and price lists with their prices.
 * Every event here is recorded by the tenant's one {@code Catalogue} aggregate, which keeps what spans products and
 * categories consistent: SKU and barcodes unique, the tree without cycles, no category removed while it holds
 * anything, exactly one default price list.
 */
package uz.hisob.events.catalog;
