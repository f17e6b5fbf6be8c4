package uz.hisob.command.field;

import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.stereotype.Component;
import uz.hisob.api.catalog.Catalogues;
import uz.hisob.api.field.FieldIds;
import uz.hisob.command.catalog.Catalogue;
import uz.hisob.command.users.UserAccounts;
import uz.hisob.events.field.FieldRoles;
import uz.hisob.events.field.GeoPoint;

import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * {@link FieldDirectory} from the write model itself: projects, clients and the catalogue are loaded through their
 * repositories (cached, within the command's unit of work); an agent from its user (bound to its project and agent,
 * written in the agent's commands), without loading, and locking, its aggregate. The locks are thus always taken in
 * one order — agent, client, then project or catalogue — so two commands never wait for each other in a circle.
 */
@Component
public class AggregateFieldDirectory implements FieldDirectory {

    private final BeanFactory beans;
    private final UserAccounts users;

    public AggregateFieldDirectory(BeanFactory beans, UserAccounts users) {
        this.beans = beans;
        this.users = users;
    }

    @Override
    public Optional<Project.Rules> project(String tenant, String projectId) {
        return read("projectRepository", FieldIds.project(tenant, projectId), (Project p) -> p.rules());
    }

    @Override
    public Optional<ClientFacts> client(String tenant, String clientId) {
        return read("clientRepository", FieldIds.client(tenant, clientId), (Client c) -> c.facts());
    }

    @Override
    public Optional<Boolean> agentActive(String tenant, String projectId, String agentId) {
        return users.activeWithScopes(tenant, Map.of(FieldRoles.PROJECT_CLAIM, projectId, FieldRoles.AGENT_CLAIM, agentId));
    }

    @Override
    public boolean priceListExists(String tenant, String priceListId) {
        return read("catalogueRepository", Catalogues.aggregateId(tenant), (Catalogue c) -> c.hasPriceList(priceListId)).orElse(false);
    }

    @Override
    public void learnLocation(String tenant, String clientId, GeoPoint location, String visitId) {
        repository("clientRepository").load(FieldIds.client(tenant, clientId)).execute(c -> ((Client) c).learn(location, visitId));
    }

    @SuppressWarnings("unchecked")
    private <A, R> Optional<R> read(String repository, String id, Function<A, R> view) {
        try {
            return Optional.ofNullable(((Repository<A>) repository(repository)).load(id).invoke(view));
        } catch (AggregateNotFoundException e) {
            return Optional.empty();
        }
    }

    private Repository<?> repository(String name) {
        return beans.getBean(name, Repository.class);
    }
}
