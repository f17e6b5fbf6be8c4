package uz.hisob.command.platform;

/**
 * What a command answers over HTTP. Filled in while the command's unit of work prepares to commit, after its events
 * were appended, so that {@code position} is the global index of the last of them and an idempotency record can be
 * written with the exact same answer in the same transaction.
 */
public final class CommandOutcome {

    private int status;
    private String location;
    private String body;
    private long position;

    void complete(int status, String location, String body, long position) {
        this.status = status;
        this.location = location;
        this.body = body;
        this.position = position;
    }

    public int status() {
        return status;
    }

    public String location() {
        return location;
    }

    /** The JSON body, byte for byte what an idempotent replay returns. */
    public String body() {
        return body;
    }

    public long position() {
        return position;
    }
}
