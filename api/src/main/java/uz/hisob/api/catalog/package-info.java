/** Commands of the catalogue: categories, products and price lists, each handled by the tenant's {@code Catalogue}. */
package uz.hisob.api.catalog;
