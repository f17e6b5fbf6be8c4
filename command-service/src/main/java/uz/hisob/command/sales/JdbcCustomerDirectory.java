package uz.hisob.command.sales;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import uz.hisob.api.sales.Orders;
import uz.hisob.command.users.UserAccounts;
import uz.hisob.events.sales.SalesRoles;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/** {@link CustomerDirectory} on {@code customer_emails} and the users table. */
@Component
public class JdbcCustomerDirectory implements CustomerDirectory {

    private final JdbcTemplate jdbc;
    private final UserAccounts users;

    public JdbcCustomerDirectory(JdbcTemplate jdbc, UserAccounts users) {
        this.jdbc = jdbc;
        this.users = users;
    }

    @Override
    public boolean tenantExists(String tenant) {
        return !jdbc.queryForList("SELECT 1 FROM users WHERE tenant = ? LIMIT 1", Integer.class, tenant).isEmpty();
    }

    @Override
    public boolean claimEmail(String tenant, String email, String customerId) {
        return jdbc.update("INSERT INTO customer_emails (tenant, email, customer_id) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                tenant, email, customerId) == 1;
    }

    @Override
    public void createUser(String tenant, String username, String passwordHash, String customerId) {
        users.create(tenant, UUID.randomUUID().toString(), username, passwordHash, List.of(SalesRoles.CUSTOMER),
                Map.of(Orders.CUSTOMER_CLAIM, customerId));
    }
}
