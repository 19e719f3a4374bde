package dev.curious.messenger.command.rejection;

import dev.curious.messenger.api.conversation.ConversationCommand;
import dev.curious.messenger.api.error.CommandError;
import dev.curious.messenger.api.error.ErrorCode;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.stereotype.Component;

/**
 * Turns every rejection into a {@link CommandExecutionException} whose details are a {@link CommandError}, the one
 * form that survives the trip through Axon Server, so that callers decide on the code and never on the text.
 */
@Component
class RejectionInterceptor implements MessageHandlerInterceptor<CommandMessage<?>> {

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain interceptorChain)
            throws Exception {
        try {
            return interceptorChain.proceed();
        } catch (RuleViolation violation) {
            throw rejected(violation.error());
        } catch (AggregateNotFoundException notFound) {
            Object command = unitOfWork.getMessage().getPayload();
            throw rejected(
                    command instanceof ConversationCommand
                            ? new CommandError(ErrorCode.CONVERSATION_NOT_FOUND, null, "No such conversation")
                            : new CommandError(ErrorCode.USER_NOT_FOUND, null, "No such user"));
        }
    }

    private static CommandExecutionException rejected(CommandError error) {
        return new CommandExecutionException(error.message(), null, error);
    }
}
