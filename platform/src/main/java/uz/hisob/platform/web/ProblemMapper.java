package uz.hisob.platform.web;

/**
 * Lets a service map exceptions of its own libraries (Axon, Elasticsearch, R2DBC) onto the contract's problems.
 * {@link ProblemHandler} asks every mapper before its generic rules.
 */
@FunctionalInterface
public interface ProblemMapper {

    /** The problem for {@code error}, or null when this mapper does not know it. */
    ApiException map(Throwable error);
}
