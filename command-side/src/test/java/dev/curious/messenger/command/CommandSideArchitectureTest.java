package dev.curious.messenger.command;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaFieldAccess;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import dev.curious.messenger.command.emoji.EmojiKeys;
import dev.curious.messenger.command.rejection.RuleViolation;
import dev.curious.messenger.command.user.UserDirectory;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateMember;
import org.axonframework.spring.stereotype.Aggregate;
import org.springframework.stereotype.Component;

@AnalyzeClasses(packages = "dev.curious.messenger", importOptions = ImportOption.DoNotIncludeTests.class)
class CommandSideArchitectureTest {

    @ArchTest
    static final ArchRule commandSideDependsOnNeitherQuerySideNorGateway = noClasses()
            .that()
            .resideInAPackage("dev.curious.messenger.command..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("dev.curious.messenger.query..", "dev.curious.messenger.gateway..");

    @ArchTest
    static final ArchRule commandSideUsesNoJpa = noClasses()
            .that()
            .resideInAPackage("dev.curious.messenger.command..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("jakarta.persistence..", "org.hibernate..");

    @ArchTest
    static final ArchRule aggregatesArePackagePrivate =
            classes().that().areAnnotatedWith(Aggregate.class).should().notBePublic();

    /** Aggregates, and the classes of their {@code @AggregateMember} fields. */
    private static final DescribedPredicate<JavaClass> AGGREGATES_AND_MEMBERS = DescribedPredicate.describe(
            "aggregates and their members",
            c -> c.isAnnotatedWith(Aggregate.class)
                    || c.getFieldsWithTypeOfSelf().stream()
                            .anyMatch(f -> f.isAnnotatedWith(AggregateMember.class)
                                    && f.getOwner().isAnnotatedWith(Aggregate.class)));

    /** The command-side lookups that set-based rules consult (and claim unique values in), by design. */
    private static final DescribedPredicate<JavaClass> SET_BASED_LOOKUPS = DescribedPredicate.describe(
            "set-based lookups", c -> c.isEquivalentTo(UserDirectory.class) || c.isEquivalentTo(EmojiKeys.class));

    /**
     * Command handlers decide, event sourcing handlers assign. Initializers of final fields run in every constructor
     * and static constants in the class initializer, so those are the only other places a field is set.
     */
    @ArchTest
    static final ArchRule aggregateFieldsAreAssignedOnlyByEventSourcingHandlers = fields().that()
            .areDeclaredInClassesThat(AGGREGATES_AND_MEMBERS)
            .should(new ArchCondition<JavaField>("be assigned only in event sourcing handlers") {
                @Override
                public void check(JavaField field, ConditionEvents events) {
                    for (JavaFieldAccess access : field.getAccessesToSelf()) {
                        JavaCodeUnit origin = access.getOrigin();
                        boolean initializer = field.getModifiers().contains(JavaModifier.FINAL)
                                && (origin.isConstructor() || origin.getName().equals("<clinit>"));
                        boolean allowed = origin.isAnnotatedWith(EventSourcingHandler.class) || initializer;
                        if (access.getAccessType() == JavaFieldAccess.AccessType.SET && !allowed) {
                            events.add(SimpleConditionEvent.violated(access, access.getDescription()));
                        }
                    }
                }
            });

    /**
     * What an aggregate changes beside its events it changes through an interface it is handed ({@code
     * ContentErasure}, {@code UserErasure}), never with SQL of its own: no JDBC, transactions or platform internals,
     * and no Spring component but the set-based lookups.
     */
    @ArchTest
    static final ArchRule aggregatesTouchNoDatabaseThemselves = noClasses()
            .that(AGGREGATES_AND_MEMBERS)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "java.sql..",
                    "javax.sql..",
                    "org.springframework.jdbc..",
                    "org.springframework.transaction..",
                    "dev.curious.messenger.platform..")
            .orShould()
            .dependOnClassesThat(DescribedPredicate.and(
                    DescribedPredicate.describe(
                            "Spring components", c -> !c.isAnnotation() && c.isMetaAnnotatedWith(Component.class)),
                    DescribedPredicate.not(SET_BASED_LOOKUPS)));

    /** A rule's type is its error code in CamelCase, so the two cannot drift apart. */
    @ArchTest
    static final ArchRule everyRuleViolationIsNamedAfterItsErrorCode = classes()
            .that()
            .areAssignableTo(RuleViolation.class)
            .and()
            .doNotHaveModifier(JavaModifier.ABSTRACT)
            .should(new ArchCondition<>("be named after the error code it carries") {
                @Override
                public void check(JavaClass rule, ConditionEvents events) {
                    String code = codeOf(rule.reflect());
                    String expected = Arrays.stream(code.split("_"))
                            .map(word -> word.charAt(0) + word.substring(1).toLowerCase(Locale.ROOT))
                            .collect(Collectors.joining());
                    if (!rule.getSimpleName().equals(expected)) {
                        events.add(SimpleConditionEvent.violated(
                                rule, rule.getName() + " carries " + code + ", so it should be named " + expected));
                    }
                }
            })
            .andShould()
            .beNestedClasses();

    private static String codeOf(Class<?> rule) {
        try {
            var constructor = rule.getDeclaredConstructor(String.class);
            constructor.setAccessible(true);
            return ((RuleViolation) constructor.newInstance("probe"))
                    .error()
                    .code()
                    .name();
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(rule + " needs a constructor taking the message", e);
        }
    }
}
