package uz.hisob.command.field;

import java.util.Optional;

/** The agents' 1C codes, unique in a project: the clients 1C sends name their agents by them (onec.md). */
public interface AgentKeys {

    /** Takes {@code onecCode} (null: none) for the agent and frees its previous one; answers the other agent that has it, if any. */
    Optional<String> claimAgentCode(String tenant, String projectId, String onecCode, String agentId);

    /** The agent of the project with this 1C code. */
    Optional<String> agentByCode(String tenant, String projectId, String onecCode);

    /** The 1C code of the agent, if it has one. */
    Optional<String> codeOf(String tenant, String projectId, String agentId);
}
