package uz.hisob.command.users;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.eventhandling.GenericEventMessage;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import uz.hisob.api.CommandRefused;
import uz.hisob.api.users.CreateUser;
import uz.hisob.events.users.UserCreated;

import java.util.UUID;

/**
 * Users are not an event-sourced aggregate: their credentials stay in the {@code users} table. The ledger still
 * learns of every user created, with roles and who created it, through {@link UserCreated} appended in the same
 * transaction as the row.
 */
@Component
public class UserCommandHandler {

    private final JdbcTemplate jdbc;
    private final EventBus eventBus;

    public UserCommandHandler(JdbcTemplate jdbc, EventBus eventBus) {
        this.jdbc = jdbc;
        this.eventBus = eventBus;
    }

    @CommandHandler
    public void handle(CreateUser cmd) {
        try {
            jdbc.update("INSERT INTO users (id, tenant, username, password_hash, roles) VALUES (?, ?, ?, ?, ?)",
                    UUID.fromString(cmd.userId()), cmd.tenant(), cmd.username(), cmd.passwordHash(),
                    cmd.roles().toArray(new String[0]));
        } catch (DuplicateKeyException e) {
            throw CommandRefused.conflict("ALREADY_EXISTS", "This username is taken");
        }
        eventBus.publish(GenericEventMessage.asEventMessage(new UserCreated(cmd.userId(), cmd.username(), cmd.roles())));
    }
}
