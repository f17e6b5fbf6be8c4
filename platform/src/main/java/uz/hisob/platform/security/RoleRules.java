package uz.hisob.platform.security;

import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The role matrix of a service as one table, looked up in one step per request ({@link BearerTokenFilter}): the first
 * rule whose method and path pattern match says which roles may pass; a request no rule matches needs only a valid
 * token. (Spring Security's per-matcher rules built a reactive pipeline of a matcher and a decision per rule for every
 * request.) The caller's roles are those of its {@link CallerAuthentication}, read from the token once.
 */
public final class RoleRules {

    private record Rule(HttpMethod method, PathPattern pattern, Set<String> roles) {
        boolean matches(HttpMethod m, PathContainer path) {
            return (method == null || method.equals(m)) && pattern.matches(path);
        }
    }

    /** Collects a service's rules in order; earlier rules win. */
    public static final class Builder {
        private final List<Rule> rules = new ArrayList<>();
        private final List<PathPattern> open = new ArrayList<>();

        /**
         * Paths matching {@code pattern} need no token at all: they authenticate otherwise (a payment provider's
         * signed webhook) or are where a caller gets an account (a customer's registration).
         */
        public Builder openToAll(String pattern) {
            open.add(PathPatternParser.defaultInstance.parse(pattern));
            return this;
        }

        /** Any method on paths matching {@code pattern} needs one of {@code roles}. */
        public Builder allow(String pattern, String... roles) {
            return allow(null, pattern, roles);
        }

        /** {@code method} on paths matching {@code pattern} needs one of {@code roles}. */
        public Builder allow(HttpMethod method, String pattern, String... roles) {
            if (roles.length == 0) {
                throw new IllegalArgumentException("A rule needs at least one role: " + pattern);
            }
            rules.add(new Rule(method, PathPatternParser.defaultInstance.parse(pattern), Set.of(roles)));
            return this;
        }
    }

    private final List<Rule> rules;
    private final List<PathPattern> open;

    public RoleRules(List<AuthorizationRules> serviceRules) {
        Builder builder = new Builder();
        serviceRules.forEach(r -> r.apply(builder));
        this.rules = List.copyOf(builder.rules);
        this.open = List.copyOf(builder.open);
    }

    /** Whether {@code path} is one a context opened to callers without a token ({@link Builder#openToAll}). */
    public boolean isOpen(PathContainer path) {
        for (PathPattern p : open) {
            if (p.matches(path)) {
                return true;
            }
        }
        return false;
    }

    /** The roles that may call {@code method path}, or null when any authenticated caller may. */
    public Set<String> rolesFor(HttpMethod method, PathContainer path) {
        for (Rule rule : rules) {
            if (rule.matches(method, path)) {
                return rule.roles();
            }
        }
        return null;
    }
}
