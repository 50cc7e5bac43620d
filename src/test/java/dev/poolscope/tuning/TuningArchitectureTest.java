package dev.poolscope.tuning;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.GeneralCodingRules.NO_CLASSES_SHOULD_ACCESS_STANDARD_STREAMS;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The tuning package is engine layer: no JavaFX, no printing. */
class TuningArchitectureTest {
    private static final JavaClasses TUNING = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.poolscope.tuning");

    @Test
    void theRulesSeeTheTuningClasses() {
        assertTrue(TUNING.stream().anyMatch(c -> c.getSimpleName().equals("Recommender")),
                "the tuning classes were not imported: the rules below would pass vacuously");
    }

    @Test
    void tuning_doesNotDependOnJavaFx() {
        noClasses().should().dependOnClassesThat().resideInAPackage("javafx..").check(TUNING);
    }

    @Test
    void tuning_doesNotPrint() {
        NO_CLASSES_SHOULD_ACCESS_STANDARD_STREAMS.check(TUNING);
    }
}
