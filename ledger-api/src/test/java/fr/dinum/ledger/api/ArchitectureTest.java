package fr.dinum.ledger.api;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The module boundaries of docs/architecture.md, checked on the compiled classes. */
class ArchitectureTest {

    static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("fr.dinum.ledger");

    @Test
    void the_domain_depends_on_no_other_module_nor_on_spring_or_a_database() {
        noClasses().that().resideInAPackage("fr.dinum.ledger.domain..")
                .should().dependOnClassesThat().resideInAnyPackage("fr.dinum.ledger.projections..",
                        "fr.dinum.ledger.api..", "org.springframework..", "jakarta.persistence..", "java.sql..",
                        "javax.sql..")
                .check(CLASSES);
    }

    @Test
    void the_projections_do_not_depend_on_the_application() {
        noClasses().that().resideInAPackage("fr.dinum.ledger.projections..")
                .should().dependOnClassesThat().resideInAPackage("fr.dinum.ledger.api..")
                .check(CLASSES);
    }

    @Test
    void money_never_goes_through_floating_point() {
        noClasses().that().resideInAPackage("fr.dinum.ledger..")
                .should().callMethod(java.math.BigDecimal.class, "valueOf", double.class)
                .orShould().callMethod(java.math.BigDecimal.class, "doubleValue")
                .orShould().callConstructor(java.math.BigDecimal.class, double.class)
                .check(CLASSES);
    }

    /**
     * Jackson takes a boolean method whose name starts with "is" for an is-getter and strips the
     * prefix: {@code issued()} was published as "sued". Such a method names its JSON property.
     */
    @Test
    void a_boolean_method_named_is_something_says_its_json_name() {
        methods().that().haveNameMatching("is[a-z].*").and().haveRawReturnType(boolean.class)
                .and().arePublic()
                .should().beAnnotatedWith(com.fasterxml.jackson.annotation.JsonProperty.class)
                .check(CLASSES);
    }
}
