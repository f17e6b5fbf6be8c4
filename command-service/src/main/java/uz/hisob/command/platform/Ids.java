package uz.hisob.command.platform;

import java.util.UUID;

/** Client-supplied ids match {@code [a-z0-9][a-z0-9-]{0,63}}; when omitted the server makes a UUID. */
public final class Ids {

    public static final String PATTERN = "[a-z0-9][a-z0-9-]{0,63}";
    public static final String MESSAGE = "must match [a-z0-9][a-z0-9-]{0,63}";

    private Ids() {
    }

    public static String orNew(String id) {
        return id == null ? UUID.randomUUID().toString() : id;
    }
}
