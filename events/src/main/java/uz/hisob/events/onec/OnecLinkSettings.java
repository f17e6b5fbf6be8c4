package uz.hisob.events.onec;

/**
 * A project's link to its 1C base as onec.md defines it, without the passwords: whether each is set is all that is
 * recorded. {@code alternativeWsdlUrl} and {@code exchangeLogin} may be null.
 */
public record OnecLinkSettings(String wsdlUrl, String alternativeWsdlUrl, String username, boolean passwordSet, int timeoutSeconds,
                               int syncEveryMinutes, boolean authenticateAgents, String exchangeLogin, boolean exchangePasswordSet) {
}
