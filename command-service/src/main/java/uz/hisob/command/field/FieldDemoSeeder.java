package uz.hisob.command.field;

import org.axonframework.eventsourcing.eventstore.EventStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import uz.hisob.api.field.CreateProject;
import uz.hisob.api.field.EnrolAgent;
import uz.hisob.api.field.FieldIds;
import uz.hisob.command.platform.Actor;
import uz.hisob.command.platform.CommandSender;
import uz.hisob.events.field.ProjectSettings;

import java.util.UUID;

/**
 * The embedded default's demo agents (common.md): {@code agent} and {@code agent2}, password = username, AGENTs of
 * the project {@code toshkent} of tenant {@code demo}, made with the project if it is not there. Their passwords are
 * shorter than the API allows, so they are enrolled here, as the other demo users are; the run command's demo data
 * fills the project (clients, checklists, a week of visits) through the API. Only with {@code hisob.seed.demo}.
 */
@Component
@Order(10)
public class FieldDemoSeeder implements ApplicationRunner {

    static final String TENANT = "demo";
    static final String PROJECT = "toshkent";
    private static final Logger log = LoggerFactory.getLogger(FieldDemoSeeder.class);

    private final CommandSender commands;
    private final JdbcTemplate jdbc;
    private final PasswordEncoder passwords;
    private final EventStore events;
    private final boolean demo;

    public FieldDemoSeeder(CommandSender commands, JdbcTemplate jdbc, PasswordEncoder passwords, EventStore events,
                           @Value("${hisob.seed.demo:false}") boolean demo) {
        this.commands = commands;
        this.jdbc = jdbc;
        this.passwords = passwords;
        this.events = events;
        this.demo = demo;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!demo) {
            return;
        }
        if (events.lastSequenceNumberFor(FieldIds.project(TENANT, PROJECT)).isEmpty()) {
            commands.send(Actor.system(TENANT), new CreateProject(TENANT, PROJECT,
                    new ProjectSettings("Toshkent shahri", "Asia/Tashkent", 150, ProjectSettings.FLAG, 5, true)));
        }
        // their 1C codes are those of the stand-in 1C base's demo data, which names the clients' agents by them
        enrol("agent", "Azizbek Karimov", "+998901234501", "A-001");
        enrol("agent2", "Dilnoza Yusupova", "+998901234502", "A-002");
    }

    private void enrol(String username, String name, String phone, String onecCode) {
        Integer exists = jdbc.queryForObject("SELECT count(*) FROM users WHERE username = ?", Integer.class, username);
        if (exists != null && exists > 0) {
            return;
        }
        commands.send(Actor.system(TENANT), new EnrolAgent(TENANT, PROJECT, username, UUID.randomUUID().toString(), username,
                passwords.encode(username), name, phone, onecCode));
        log.info("Seeded agent {} in project {} of tenant {}", username, PROJECT, TENANT);
    }
}
