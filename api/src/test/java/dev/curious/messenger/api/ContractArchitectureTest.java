package dev.curious.messenger.api;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
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
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage(
                    "dev.curious.messenger.api..",
                    "java..",
                    "org.axonframework.modelling.command..",
                    "org.axonframework.serialization..");

    /** Commands name their target aggregate; answers and queries are the only other records that are not events. */
    private static final DescribedPredicate<JavaClass> EVENTS = DescribedPredicate.describe(
            "events (records that are neither commands, queries nor answers)",
            c -> c.isRecord()
                    && !c.getPackageName().endsWith(".error")
                    && !c.getSimpleName().endsWith("Query")
                    && !c.getSimpleName().equals("MessageAccepted")
                    && c.getAllMembers().stream().noneMatch(m -> m.isAnnotatedWith(TargetAggregateIdentifier.class)));

    @ArchTest
    static final ArchRule eventsCarryARevision = classes().that(EVENTS).should().beAnnotatedWith(Revision.class);

    @ArchTest
    static final ArchRule onlyRecordsCarryARevision =
            classes().that().areAnnotatedWith(Revision.class).should().beRecords();
}
