package uz.hisob.query.platform;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names the event processors (read models) a GET endpoint reads, so {@code minPosition} waits for exactly those.
 * An endpoint without it waits for every processor of the service.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface ReadsFrom {

    String[] value();
}
