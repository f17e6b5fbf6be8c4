package uz.hisob.bench;

import java.util.List;

/**
 * One benchmark scenario. Scenarios run one after another on the same running system (stack and both services,
 * see {@link BenchContext}); each loads what it needs beyond the shared {@link Fixture}, measures, and answers
 * result rows. To add one, implement this and add it to {@link BenchmarkRun#scenarios()}.
 */
public interface Scenario {

    /** A short name, e.g. {@code 1 ServeMeal}; rows carry their own, finer names. */
    String name();

    /** Runs the scenario; keep to {@link BenchContext#options()}' durations so that the quick variant stays quick. */
    List<Result> run(BenchContext context) throws Exception;
}
