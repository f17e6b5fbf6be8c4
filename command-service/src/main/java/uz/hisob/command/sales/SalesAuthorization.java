package uz.hisob.command.sales;

import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;
import uz.hisob.platform.security.AuthorizationRules;
import uz.hisob.platform.security.RoleRules;

import static uz.hisob.events.inventory.InventoryRoles.WAREHOUSE_WORKER;
import static uz.hisob.events.sales.SalesRoles.CUSTOMER;
import static uz.hisob.platform.security.Roles.ADMIN;
import static uz.hisob.platform.security.Roles.MANAGER;

/**
 * Who may change orders (commerce.md): a CUSTOMER its own (placing, paying, cancelling before fulfilment), ADMIN and
 * MANAGER every order, WAREHOUSE_WORKER fulfilment. The providers' webhooks carry no token: their signature is
 * their authentication.
 */
@Component
public class SalesAuthorization implements AuthorizationRules {

    @Override
    public void apply(RoleRules.Builder rules) {
        rules.openToAll("/api/payments/webhooks/**")
                .openToAll("/api/customers/register")
                .allow(HttpMethod.POST, "/api/orders/*/fulfil", ADMIN, MANAGER, WAREHOUSE_WORKER)
                .allow(HttpMethod.POST, "/api/orders/*/complete", ADMIN, MANAGER, WAREHOUSE_WORKER)
                .allow(HttpMethod.POST, "/api/orders/*/returns", ADMIN, MANAGER, WAREHOUSE_WORKER)
                .allow("/api/orders/**", ADMIN, MANAGER, CUSTOMER)
                .allow("/api/carts/**", ADMIN, MANAGER, CUSTOMER)
                .allow("/api/sales/**", ADMIN, MANAGER);
    }
}
