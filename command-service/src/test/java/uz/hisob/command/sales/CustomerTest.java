package uz.hisob.command.sales;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uz.hisob.api.sales.RegisterCustomer;
import uz.hisob.events.sales.CustomerRegistered;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static uz.hisob.command.platform.Refusals.refused;

/** Given/when/then tests of a customer's registration. */
class CustomerTest {

    static final String TENANT = "demo";

    /** The tenant's e-mails and users, in memory. */
    static final class InMemoryDirectory implements CustomerDirectory {
        final Map<String, String> emails = new HashMap<>();
        final Map<String, String> users = new HashMap<>();

        @Override
        public boolean tenantExists(String tenant) {
            return TENANT.equals(tenant);
        }

        @Override
        public boolean claimEmail(String tenant, String email, String customerId) {
            return emails.putIfAbsent(tenant + "/" + email, customerId) == null;
        }

        @Override
        public void createUser(String tenant, String username, String passwordHash, String customerId) {
            users.put(tenant + "/" + username, customerId);
        }
    }

    AggregateTestFixture<Customer> fixture;
    InMemoryDirectory directory;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Customer.class);
        directory = new InMemoryDirectory();
        fixture.registerInjectableResource(directory);
    }

    @Test
    void aCustomerRegistersWithItsEmailInLowerCaseAndGetsAUserNamedByIt() {
        fixture.givenNoPriorActivity()
                .when(new RegisterCustomer(TENANT, "c1", "Malika@Example.UZ", "Malika", "+998901112233", null, "{bcrypt}hash"))
                .expectEvents(new CustomerRegistered(TENANT, "c1", "malika@example.uz", "Malika", "+998901112233", "malika@example.uz"));
        assertThat(directory.users).containsEntry(TENANT + "/malika@example.uz", "c1");
    }

    @Test
    void aRecordForAnExistingUserCreatesNoUser() {
        fixture.givenNoPriorActivity().when(new RegisterCustomer(TENANT, "customer", "customer@demo.hisob.uz", "Demo", null, "customer", null))
                .expectEvents(new CustomerRegistered(TENANT, "customer", "customer@demo.hisob.uz", "Demo", null, "customer"));
        assertThat(directory.users).isEmpty();
    }

    @Test
    void anEmailIsOneCustomersAndAShopMustExist() {
        directory.emails.put(TENANT + "/malika@example.uz", "c0");
        fixture.givenNoPriorActivity().when(new RegisterCustomer(TENANT, "c1", "MALIKA@example.uz", "Malika", null, null, "{bcrypt}hash"))
                .expectNoEvents().expectException(refused("ALREADY_EXISTS"));
        fixture.givenNoPriorActivity().when(new RegisterCustomer("nowhere", "c1", "a@example.uz", "A", null, null, "{bcrypt}hash"))
                .expectNoEvents().expectException(refused("VALIDATION_FAILED"));
        assertThat(directory.users).isEmpty();
    }
}
