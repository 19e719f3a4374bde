package dev.curious.messenger.gateway;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import org.springframework.web.bind.annotation.RestController;

@AnalyzeClasses(packages = "dev.curious.messenger.gateway", importOptions = ImportOption.DoNotIncludeTests.class)
class GatewayArchitectureTest {

    /** The gateway speaks to the rest of the system only in the messages of the contract. */
    @ArchTest
    static final ArchRule gatewayKnowsOnlyTheContract = noClasses()
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("dev.curious.messenger.command..", "dev.curious.messenger.query..");

    @ArchTest
    static final ArchRule restAndStompShareOnlyTheCoreAndMessaging = noClasses()
            .that()
            .resideInAnyPackage(
                    "..gateway.user..", "..gateway.conversation..", "..gateway.message..", "..gateway.emoji..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("..gateway.live..");

    @ArchTest
    static final ArchRule passwordsStayInTheSecurityPackage = noClasses()
            .that()
            .resideOutsideOfPackage("..gateway.security..")
            .should()
            .dependOnClassesThat()
            .haveSimpleName("PasswordEncoder");

    @ArchTest
    static final ArchRule controllersLiveInTheirFeature = classes()
            .that()
            .areAnnotatedWith(RestController.class)
            .should()
            .resideInAnyPackage(
                    "..gateway.user..",
                    "..gateway.conversation..",
                    "..gateway.message..",
                    "..gateway.emoji..",
                    "..gateway.history..",
                    "..gateway.audit..",
                    "..gateway.compliance..");
}
