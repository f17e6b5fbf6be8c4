package uz.hisob.local;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import uz.hisob.onec.standin.OnecBase;
import uz.hisob.onec.standin.OnecStandIn;

import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A stand-in 1C base of a test class's own (login {@code hisob} / {@code parol-1c}, free ports), started before its
 * first test with the system, healed (both endpoints up, no faults, not slow) after each test, closed after the last.
 */
final class OnecStandIns implements BeforeAllCallback, AfterEachCallback, AfterAllCallback {

    private final Supplier<OnecBase> base;
    private final Consumer<OnecStandIn> started;
    private OnecStandIn standIn;

    OnecStandIns(Supplier<OnecBase> base, Consumer<OnecStandIn> started) {
        this.base = base;
        this.started = started;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        SystemTestSupport.system();
        standIn = OnecStandIn.start(base.get(), "hisob", "parol-1c", 0, 0, 0);
        started.accept(standIn);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        standIn.clear(OnecStandIn.Endpoint.PRIMARY);
        standIn.clear(OnecStandIn.Endpoint.ALTERNATIVE);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        standIn.close();
    }
}
