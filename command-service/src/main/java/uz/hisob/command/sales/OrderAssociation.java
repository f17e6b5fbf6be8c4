package uz.hisob.command.sales;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.annotation.MessageHandlingMember;
import org.axonframework.modelling.saga.AssociationResolver;

/**
 * Associates the order process with an order by the order's aggregate id ({@code tenant:order:id}): the event's own,
 * so that two tenants' orders of the same id are two processes.
 */
public class OrderAssociation implements AssociationResolver {

    @Override
    public <T> void validate(String associationPropertyName, MessageHandlingMember<T> handler) {
        // every order event is a domain event of the Order aggregate
    }

    @Override
    public <T> Object resolve(String associationPropertyName, EventMessage<?> message, MessageHandlingMember<T> handler) {
        return ((DomainEventMessage<?>) message).getAggregateIdentifier();
    }
}
