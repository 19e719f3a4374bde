package dev.curious.messenger.api;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import dev.curious.messenger.api.conversation.UserNotification;
import dev.curious.messenger.api.user.Nicknames;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.serialization.Revision;

@AnalyzeClasses(packages = "dev.curious.messenger.api", importOptions = ImportOption.DoNotIncludeTests.class)
class ContractArchitectureTest {

    @ArchTest
    static final ArchRule contractUsesNeitherSpringNorJpa = noClasses()
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "org.springframework..", "jakarta.persistence..", "org.hibernate..", "javax.persistence..");

    @ArchTest
    static final ArchRule contractDependsOnlyOnTheJdkAndAxonAnnotations = classes()
            .that()
            .doNotHaveFullyQualifiedName(Nicknames.class.getName())
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage(
                    "dev.curious.messenger.api..",
                    "java..",
                    "org.axonframework.modelling.command..",
                    "org.axonframework.serialization..");

    /** The contract's nickname rule is ICU's confusable skeleton, and needs nothing else. */
    @ArchTest
    static final ArchRule nicknamesDependOnlyOnTheJdkAndIcu = classes()
            .that()
            .haveFullyQualifiedName(Nicknames.class.getName())
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage("dev.curious.messenger.api..", "java..", "com.ibm.icu..");

    /** Events are named in the past tense; {@code MarkSeen} is a command and {@code MessageAccepted} an answer. */
    private static final DescribedPredicate<JavaClass> PAST_TENSE_RECORDS = DescribedPredicate.describe(
            "past-tense records",
            c -> c.isRecord()
                    && (c.getSimpleName().endsWith("ed")
                            || c.getSimpleName().endsWith("Sent")
                            || c.getSimpleName().endsWith("Seen"))
                    && !c.isAssignableTo(Command.class)
                    // Told to a user, never stored ("Mentioned").
                    && !c.isAssignableTo(UserNotification.class)
                    && !c.getSimpleName().equals("MessageAccepted"));

    @ArchTest
    static final ArchRule eventsCarryARevision =
            classes().that(PAST_TENSE_RECORDS).should().beAnnotatedWith(Revision.class);

    @ArchTest
    static final ArchRule onlyEventsCarryARevision =
            classes().that().areAnnotatedWith(Revision.class).should(ArchCondition.from(PAST_TENSE_RECORDS));

    @ArchTest
    static final ArchRule commandsNameTheirTarget = classes()
            .that()
            .implement(Command.class)
            .and()
            .areNotInterfaces()
            .should(ArchCondition.from(DescribedPredicate.describe(
                    "name their target aggregate",
                    c -> c.getAllMembers().stream()
                            .anyMatch(m -> m.isAnnotatedWith(TargetAggregateIdentifier.class)))));

    @ArchTest
    static final ArchRule queriesAreRecordsNamedQuery =
            classes().that().haveSimpleNameEndingWith("Query").should().beRecords();
}
