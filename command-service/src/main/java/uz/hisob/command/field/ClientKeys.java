package uz.hisob.command.field;

import java.util.Optional;

/** Keeps a client's 1C code unique in its project; written in the transaction of the client's command. */
public interface ClientKeys {

    /** Takes {@code onecCode} for the client and frees its previous code; answers the other client that has it, if any. */
    Optional<String> claimOnecCode(String tenant, String projectId, String onecCode, String clientId);

    /** The client of the project with this 1C code. */
    Optional<String> clientByCode(String tenant, String projectId, String onecCode);
}
