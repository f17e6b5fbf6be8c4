package uz.hisob.command.field.client;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.Repository;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.stereotype.Component;
import uz.hisob.api.CommandRefused;
import uz.hisob.api.field.RegisterClient;
import uz.hisob.api.field.RegisterClients;
import uz.hisob.command.field.Client;
import uz.hisob.command.field.ClientKeys;
import uz.hisob.command.field.FieldDirectory;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * A bulk registration: every client is decided by its own aggregate, as one registration would be, all in this
 * command's one transaction, so one bad item registers nothing; a refusal is a 400 naming the item by index (an id
 * or 1C code taken is 409 like a single registration's, with the item's index).
 */
@Component
public class ClientImport {

    private final BeanFactory beans;

    public ClientImport(BeanFactory beans) {
        this.beans = beans;
    }

    @CommandHandler
    @SuppressWarnings("unchecked")
    public Map<String, Object> handle(RegisterClients cmd, ClientKeys keys, FieldDirectory directory) throws Exception {
        Repository<Client> clients = beans.getBean("clientRepository", Repository.class);
        if (directory.project(cmd.tenant(), cmd.projectId()).isEmpty()) {
            throw CommandRefused.notFound("Project not found");
        }
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < cmd.clients().size(); i++) {
            RegisterClients.Item item = cmd.clients().get(i);
            if (!ids.add(item.clientId())) {
                throw CommandRefused.invalid("clients[" + i + "].id", "repeats the id of an earlier item");
            }
            RegisterClient one = new RegisterClient(cmd.tenant(), cmd.projectId(), item.clientId(), item.details());
            try {
                clients.newInstance(() -> new Client(one, keys, directory));
            } catch (CommandRefused refused) {
                if (refused.kind() == CommandRefused.Kind.INVALID) {
                    throw CommandRefused.invalid("clients[" + i + "]." + refused.field(), refused.getMessage());
                }
                Map<String, Object> details = new java.util.HashMap<>(refused.details());
                details.put("index", i);
                throw CommandRefused.conflict(refused.code(), "clients[" + i + "]: " + refused.getMessage(), details);
            }
        }
        return Map.of("ids", cmd.clients().stream().map(RegisterClients.Item::clientId).toList());
    }
}
