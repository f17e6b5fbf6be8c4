package uz.hisob.command.platform;

import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;
import uz.hisob.api.CommandRefused;

/** For aggregate tests: a refusal with a contract code ({@code expectException(refused("ALREADY_EXISTS"))}). */
public final class Refusals {

    private Refusals() {
    }

    public static Matcher<CommandRefused> refused(String code) {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(CommandRefused e) {
                return e.code().equals(code);
            }

            @Override
            public void describeTo(Description d) {
                d.appendText("refused with ").appendText(code);
            }
        };
    }
}
