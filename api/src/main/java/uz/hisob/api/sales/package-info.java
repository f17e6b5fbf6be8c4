/** Commands of orders and payments (docs/commerce.md, "Orders and payments"). */
package uz.hisob.api.sales;
