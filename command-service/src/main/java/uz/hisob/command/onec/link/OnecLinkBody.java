package uz.hisob.command.onec.link;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import uz.hisob.api.onec.ConfigureOnecLink;
import uz.hisob.events.onec.OnecLinkSettings;

/**
 * The {@code onec} settings of a project (onec.md): the WSDL's URL (and an alternative's), the web service's login,
 * a timeout, how often to sync, whether agents sign in through 1C, and the CommerceML exchange's login. A password
 * left out keeps the one stored (it is never shown); one is needed to link a project.
 */
public record OnecLinkBody(@NotBlank @Size(max = 2000) @Pattern(regexp = URL, message = URL_MESSAGE) String wsdlUrl,
                           @Size(max = 2000) @Pattern(regexp = URL, message = URL_MESSAGE) String alternativeWsdlUrl,
                           @NotBlank @Size(max = 200) String username,
                           @Size(min = 1, max = 200) String password,
                           @Min(1) @Max(300) Integer timeoutSeconds,
                           @Min(1) @Max(1440) Integer syncEveryMinutes,
                           Boolean authenticateAgents,
                           @Size(min = 1, max = 200) String exchangeLogin,
                           @Size(min = 1, max = 200) String exchangePassword) {

    static final String URL = "https?://[^\\s/?#]+[^\\s]*";
    static final String URL_MESSAGE = "must be an http or https URL";

    /** The URLs as {@link java.net.URI} takes them (the pattern lets some through that it refuses), else 400. */
    public void checkUrls() {
        for (String[] url : new String[][] {{"onec.wsdlUrl", wsdlUrl}, {"onec.alternativeWsdlUrl", alternativeWsdlUrl}}) {
            if (url[1] == null) {
                continue;
            }
            try {
                java.net.URI u = new java.net.URI(url[1]);
                if (u.getHost() == null) {
                    throw new java.net.URISyntaxException(url[1], "no host");
                }
            } catch (java.net.URISyntaxException e) {
                throw uz.hisob.platform.web.ApiException.invalid(url[0], "is not a URL: " + e.getMessage());
            }
        }
    }

    public ConfigureOnecLink command(String tenant, String projectId) {
        OnecLinkSettings settings = new OnecLinkSettings(wsdlUrl, alternativeWsdlUrl, username, false,
                timeoutSeconds == null ? 30 : timeoutSeconds, syncEveryMinutes == null ? 15 : syncEveryMinutes,
                authenticateAgents != null && authenticateAgents, exchangeLogin, false);
        return new ConfigureOnecLink(tenant, projectId, settings, password, exchangePassword);
    }

    /** As the request's fingerprint sees it: each password replaced by {@code mask} of it (never the password itself). */
    public OnecLinkBody masked(java.util.function.UnaryOperator<String> mask) {
        return new OnecLinkBody(wsdlUrl, alternativeWsdlUrl, username, password == null ? null : mask.apply(password), timeoutSeconds,
                syncEveryMinutes, authenticateAgents, exchangeLogin, exchangePassword == null ? null : mask.apply(exchangePassword));
    }

    @Override
    public String toString() {
        return "OnecLinkBody[wsdlUrl=" + wsdlUrl + ", alternativeWsdlUrl=" + alternativeWsdlUrl + ", username=" + username + "]";
    }
}
