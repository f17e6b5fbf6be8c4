package uz.hisob.query.platform;

import co.elastic.clients.transport.TransportException;
import io.r2dbc.spi.R2dbcNonTransientResourceException;
import io.r2dbc.spi.R2dbcTransientResourceException;
import org.springframework.stereotype.Component;
import uz.hisob.platform.web.ApiException;
import uz.hisob.platform.web.ProblemHandler;
import uz.hisob.platform.web.ProblemMapper;

/** Search or database out of reach: 503 {@code UNAVAILABLE}, with {@code Retry-After}. */
@Component
public class QueryProblems implements ProblemMapper {

    @Override
    public ApiException map(Throwable error) {
        if (error instanceof TransportException || error instanceof R2dbcTransientResourceException
                || error instanceof R2dbcNonTransientResourceException
                || error instanceof java.net.ConnectException) {
            return ProblemHandler.unavailable();
        }
        return null;
    }
}
