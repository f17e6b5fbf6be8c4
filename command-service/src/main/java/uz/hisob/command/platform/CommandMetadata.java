package uz.hisob.command.platform;

/** Metadata keys of command messages that steer how the outcome is answered; never copied onto events. */
final class CommandMetadata {

    static final String RESPONSE_STATUS = "hisob.response.status";
    static final String RESPONSE_ID = "hisob.response.id";
    static final String RESPONSE_LOCATION = "hisob.response.location";
    static final String IDEMPOTENCY_KEY = "hisob.idempotency.key";
    static final String IDEMPOTENCY_FINGERPRINT = "hisob.idempotency.fingerprint";

    private CommandMetadata() {
    }
}
