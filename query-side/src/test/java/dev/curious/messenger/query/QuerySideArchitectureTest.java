package dev.curious.messenger.query;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(packages = "dev.curious.messenger.query", importOptions = ImportOption.DoNotIncludeTests.class)
class QuerySideArchitectureTest {

    @ArchTest
    static final ArchRule querySideDependsOnNeitherCommandSideNorGateway = noClasses()
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("dev.curious.messenger.command..", "dev.curious.messenger.gateway..");

    @ArchTest
    static final ArchRule projectionsNeverSendCommands = noClasses()
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("org.axonframework.commandhandling.gateway..")
            .orShould()
            .dependOnClassesThat()
            .haveFullyQualifiedName("org.axonframework.commandhandling.CommandBus");
}
