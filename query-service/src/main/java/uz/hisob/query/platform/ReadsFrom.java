package uz.hisob.query.platform;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names the event processors (read models) a GET endpoint reads, so {@code minPosition} waits for exactly those;
 * {@link #ALL} waits for every processor of the service. An endpoint without it reads no projection (the event store,
 * a stored report) and never waits: what it reads is committed before the command answered.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface ReadsFrom {

    /** Every processor of the service. */
    String ALL = "*";

    String[] value();
}
