package uz.hisob.local;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The module boundaries of docs/architecture.md, enforced. */
class ArchitectureTest {

    static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("uz.hisob");
    }

    @Test
    void eventsDependOnNothingOfOursAndNoSpring() {
        noClasses().that().resideInAPackage("uz.hisob.events..")
                .should().dependOnClassesThat().resideInAnyPackage("uz.hisob.api..", "uz.hisob.platform..",
                        "uz.hisob.command..", "uz.hisob.query..", "uz.hisob.local..", "uz.hisob.localstack..", "org.springframework..")
                .check(classes);
    }

    @Test
    void apiDependsOnlyOnEvents() {
        noClasses().that().resideInAPackage("uz.hisob.api..")
                .should().dependOnClassesThat().resideInAnyPackage("uz.hisob.platform..", "uz.hisob.command..",
                        "uz.hisob.query..", "uz.hisob.local..", "uz.hisob.localstack..", "org.springframework..")
                .check(classes);
    }

    @Test
    void theCommandSideNeverReadsReadModels() {
        noClasses().that().resideInAPackage("uz.hisob.command..")
                .should().dependOnClassesThat().resideInAnyPackage("uz.hisob.query..", "io.r2dbc..",
                        "org.springframework.r2dbc..", "co.elastic..", "org.springframework.data.elasticsearch..")
                .check(classes);
    }

    @Test
    void theQuerySideNeverDispatchesCommands() {
        noClasses().that().resideInAPackage("uz.hisob.query..")
                .should().dependOnClassesThat().resideInAnyPackage("org.axonframework.commandhandling..", "uz.hisob.command..")
                .check(classes);
        noClasses().that().resideInAPackage("uz.hisob.query..")
                .should().dependOnClassesThat().haveSimpleNameEndingWith("Gateway")
                .andShould().dependOnClassesThat().resideInAnyPackage(CONTEXTS.stream().map(c -> "uz.hisob.api." + c + "..").toArray(String[]::new))
                .check(classes);
    }

    /** The bounded contexts' package names, as in every module: events.<c>, api.<c>, command.<c>, query.<c>. */
    static final java.util.List<String> CONTEXTS = java.util.List.of("kitchen", "inventory", "catalog", "analytics", "images");

    @Test
    void thePlatformKnowsNoBoundedContext() {
        noClasses().that().resideInAPackage("uz.hisob.platform..")
                .should().dependOnClassesThat().resideInAnyPackage("uz.hisob.command..", "uz.hisob.query..")
                .check(classes);
        // nor do the services' own platform packages: each context contributes to them, they name none
        String[] contextPackages = CONTEXTS.stream()
                .flatMap(c -> java.util.stream.Stream.of("events", "api", "command", "query").map(m -> "uz.hisob." + m + "." + c + ".."))
                .toArray(String[]::new);
        noClasses().that().resideInAnyPackage("uz.hisob.platform..", "uz.hisob.command.platform..", "uz.hisob.query.platform..")
                .should().dependOnClassesThat().resideInAnyPackage(contextPackages)
                .check(classes);
    }
}
