package uz.hisob.command.platform;

import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;
import uz.hisob.api.CommandRefused;

/** For aggregate tests: a refusal with a contract code ({@code expectException(refused("ALREADY_EXISTS"))}). */
public final class Refusals {

    private Refusals() {
    }

    /** A refusal with a contract code and exactly these details (extra members of the problem body). */
    public static Matcher<CommandRefused> refused(String code, java.util.Map<String, Object> details) {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(CommandRefused e) {
                return e.code().equals(code) && e.details().equals(details);
            }

            @Override
            public void describeTo(Description d) {
                d.appendText("refused with ").appendText(code).appendText(" and ").appendValue(details);
            }
        };
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
