package uz.hisob.command.users;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import uz.hisob.api.users.CreateUser;
import uz.hisob.command.platform.Actor;
import uz.hisob.command.platform.CommandSender;
import uz.hisob.platform.security.Roles;

import java.util.List;
import java.util.UUID;

/**
 * Users a fresh installation starts with. The embedded default ({@code hisob.seed.demo=true}) seeds the contract's
 * demo users (password = username); production seeds only one ADMIN whose name, tenant and password come from
 * configuration ({@code hisob.bootstrap-admin.*}), and only while that tenant has no users, and, if configured, one
 * OPERATOR ({@code hisob.bootstrap-operator.*}) unless a user of that name exists.
 */
@Component
public class UserSeeder implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(UserSeeder.class);

    private final CommandSender commands;
    private final JdbcTemplate jdbc;
    private final PasswordEncoder passwords;
    private final boolean demo;
    private final int extraTenants;
    private final String adminTenant;
    private final String adminUsername;
    private final String adminPassword;
    private final String operatorUsername;
    private final String operatorPassword;

    public UserSeeder(CommandSender commands, JdbcTemplate jdbc, PasswordEncoder passwords,
                      @Value("${hisob.seed.demo:false}") boolean demo,
                      @Value("${hisob.seed.extra-tenants:0}") int extraTenants,
                      @Value("${hisob.bootstrap-admin.tenant:}") String adminTenant,
                      @Value("${hisob.bootstrap-admin.username:}") String adminUsername,
                      @Value("${hisob.bootstrap-admin.password:}") String adminPassword,
                      @Value("${hisob.bootstrap-operator.username:}") String operatorUsername,
                      @Value("${hisob.bootstrap-operator.password:}") String operatorPassword) {
        this.operatorUsername = operatorUsername;
        this.operatorPassword = operatorPassword;
        this.commands = commands;
        this.jdbc = jdbc;
        this.passwords = passwords;
        this.demo = demo;
        this.extraTenants = extraTenants;
        this.adminTenant = adminTenant;
        this.adminUsername = adminUsername;
        this.adminPassword = adminPassword;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (demo) {
            seed("demo", "admin", "admin", List.of(Roles.ADMIN));
            seed("demo", "manager", "manager", List.of(Roles.MANAGER));
            seed("demo", "cook", "cook", List.of(uz.hisob.events.kitchen.KitchenRoles.COOK));
            seed("demo", "auditor", "auditor", List.of(Roles.AUDITOR));
            seed("demo", "keeper", "keeper", List.of(uz.hisob.events.inventory.InventoryRoles.WAREHOUSE_WORKER));
            seed("demo", "customer", "customer", List.of(uz.hisob.events.sales.SalesRoles.CUSTOMER));
            seed("demo", "operator", "operator", List.of(Roles.OPERATOR));
            seed("other", "other-admin", "other-admin", List.of(Roles.ADMIN));
            // more demo tenants, t01 … tNN, each with its ADMIN tNN-admin (benchmarks load many tenants at once)
            for (int i = 1; i <= extraTenants; i++) {
                String tenant = String.format("t%02d", i);
                seed(tenant, tenant + "-admin", tenant + "-admin", List.of(Roles.ADMIN));
            }
        }
        if (!adminUsername.isBlank()) {
            if (adminPassword.length() < 8 || adminTenant.isBlank()) {
                throw new IllegalStateException("hisob.bootstrap-admin needs a tenant and a password of at least 8 characters");
            }
            Integer users = jdbc.queryForObject("SELECT count(*) FROM users WHERE tenant = ?", Integer.class, adminTenant);
            if (users != null && users == 0) {
                seed(adminTenant, adminUsername, adminPassword, List.of(Roles.ADMIN));
            }
        }
        if (!operatorUsername.isBlank()) {
            // the operator belongs to the bootstrap admin's tenant (a token names one), but sees no tenant's data
            if (operatorPassword.length() < 8 || adminTenant.isBlank()) {
                throw new IllegalStateException("hisob.bootstrap-operator needs hisob.bootstrap-admin.tenant and a password of at least 8 characters");
            }
            seed(adminTenant, operatorUsername, operatorPassword, List.of(Roles.OPERATOR));
        }
    }

    private void seed(String tenant, String username, String password, List<String> roles) {
        Integer exists = jdbc.queryForObject("SELECT count(*) FROM users WHERE username = ?", Integer.class, username);
        if (exists != null && exists > 0) {
            return;
        }
        commands.send(Actor.system(tenant),
                new CreateUser(tenant, UUID.randomUUID().toString(), username, passwords.encode(password), roles));
        log.info("Seeded user {} ({}) in tenant {}", username, roles, tenant);
    }
}
