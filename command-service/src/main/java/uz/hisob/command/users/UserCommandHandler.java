package uz.hisob.command.users;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.eventhandling.GenericEventMessage;
import org.springframework.stereotype.Component;
import uz.hisob.api.users.CreateUser;
import uz.hisob.events.users.UserCreated;

/**
 * Users are not an event-sourced aggregate: their credentials stay in the {@code users} table. The ledger still
 * learns of every user created, with roles and who created it, through {@link UserCreated} appended in the same
 * transaction as the row.
 */
@Component
public class UserCommandHandler {

    private final UserAccounts users;
    private final EventBus eventBus;

    public UserCommandHandler(UserAccounts users, EventBus eventBus) {
        this.users = users;
        this.eventBus = eventBus;
    }

    @CommandHandler
    public void handle(CreateUser cmd) {
        users.create(cmd.tenant(), cmd.userId(), cmd.username(), cmd.passwordHash(), cmd.roles(), java.util.Map.of());
        eventBus.publish(GenericEventMessage.asEventMessage(new UserCreated(cmd.userId(), cmd.username(), cmd.roles())));
    }
}
