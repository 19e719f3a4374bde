package dev.curious.messenger.command.rejection;

import dev.curious.messenger.api.conversation.ConversationCommand;
import dev.curious.messenger.api.error.CommandError;
import dev.curious.messenger.api.error.ErrorCode;
import dev.curious.messenger.platform.Outage;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Turns every rejection into a {@link CommandExecutionException} whose details are a {@link CommandError}, the one
 * form that survives the trip through Axon Server, so that callers decide on the code and never on the text. A
 * command that fails while it is handled (its database away, say) is rolled back, and says so: {@code NOT_APPLIED}.
 */
@Component
class RejectionInterceptor implements MessageHandlerInterceptor<CommandMessage<?>> {

    private final Outage outage = new Outage(
            LoggerFactory.getLogger(RejectionInterceptor.class), "The command side's database or event store");

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain interceptorChain)
            throws Exception {
        try {
            Object result = interceptorChain.proceed();
            outage.answered();
            return result;
        } catch (RuleViolation violation) {
            throw rejected(violation.error());
        } catch (AggregateNotFoundException notFound) {
            Object command = unitOfWork.getMessage().getPayload();
            throw rejected(
                    command instanceof ConversationCommand
                            ? new CommandError(ErrorCode.CONVERSATION_NOT_FOUND, null, "No such conversation")
                            : new CommandError(ErrorCode.USER_NOT_FOUND, null, "No such user"));
        } catch (CommandExecutionException alreadyTyped) {
            throw alreadyTyped;
        } catch (RuntimeException failed) {
            // Thrown while the command was handled, before its unit of work commits: it rolls back, nothing is
            // stored, and the caller may say so. (A failure of the commit itself comes after this chain, and its
            // caller cannot know the outcome.)
            outage.failed(failed);
            throw rejected(new CommandError(
                    ErrorCode.NOT_APPLIED, null, "The command could not be applied just now; nothing was stored"));
        }
    }

    private static CommandExecutionException rejected(CommandError error) {
        return new CommandExecutionException(error.message(), null, error);
    }
}
