package dev.poolscope;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The layer rules: the engine knows nothing of JavaFX, the UI or the CLI; only the CLI prints. */
class ArchitectureTest {
    static final String[] ENGINE = {"dev.poolscope.engine..", "dev.poolscope.pool..", "dev.poolscope.workload..",
            "dev.poolscope.metrics..", "dev.poolscope.process..", "dev.poolscope.tuning..", "dev.poolscope.bench..",
            "dev.poolscope.attach..", "dev.poolscope.jfr..", "dev.poolscope.host..", "dev.poolscope.cluster.."};

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.poolscope");
    }

    @Test
    void theRulesSeeEveryLayer() {
        for (String pkg : new String[]{"engine", "pool", "workload", "metrics", "process", "tuning", "bench", "jfr", "host", "ui", "cli", "attach", "agent", "cluster"}) {
            assertTrue(classes.stream().anyMatch(c -> c.getPackageName().startsWith("dev.poolscope." + pkg)),
                    "no classes imported from dev.poolscope." + pkg + ": the layer rules would pass vacuously");
        }
    }

    @Test
    void engine_doesNotDependOnJavaFx() {
        noClasses().that().resideInAnyPackage(ENGINE)
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.controlsfx..", "atlantafx..", "org.kordamp.ikonli..")
                .check(classes);
    }

    @Test
    void engine_doesNotDependOnUiOrCli() {
        noClasses().that().resideInAnyPackage(ENGINE)
                .should().dependOnClassesThat().resideInAnyPackage("dev.poolscope.ui..", "dev.poolscope.cli..")
                .check(classes);
    }

    @Test
    void onlyTheCli_writesToStdout() {
        // NoisyWorkload prints on purpose, and only runs in a worker process, whose System.out is its log
        noClasses().that().resideOutsideOfPackage("dev.poolscope.cli..")
                .and().doNotHaveFullyQualifiedName("dev.poolscope.process.fault.NoisyWorkload")
                .should().accessField(System.class, "out")
                .check(classes);
    }

    @Test
    void agent_usesOnlyTheJdkAndByteBuddy_andItsHooksOnlyTheJdk() {
        // the agent runs inside other applications: nothing of PoolScope's own dependencies is there
        noClasses().that().resideInAPackage("dev.poolscope.agent..")
                .should().dependOnClassesThat().resideOutsideOfPackages("java..", "javax..", "jdk..", "sun..",
                        "net.bytebuddy..", "dev.poolscope.agent..")
                .check(classes);
        noClasses().that().resideInAPackage("dev.poolscope.agent.boot..")
                .should().dependOnClassesThat().resideOutsideOfPackages("java..", "dev.poolscope.agent.boot..")
                .check(classes);
    }

    @Test
    void onlyTheClusterKindAndTheCli_useHazelcast() {
        // the rest of the engine sees the cluster kind through the pool interface and the registry
        noClasses().that().resideOutsideOfPackages("dev.poolscope.cluster..", "dev.poolscope.cli..", "dev.poolscope.bench..")
                .should().dependOnClassesThat().resideInAPackage("com.hazelcast..")
                .check(classes);
    }

    @Test
    void ui_doesNotDependOnCli() {
        noClasses().that().resideInAPackage("dev.poolscope.ui..")
                .should().dependOnClassesThat().resideInAPackage("dev.poolscope.cli..")
                .check(classes);
    }

    @Test
    void poolPictureModel_isPlainData() {
        noClasses().that().resideInAPackage("dev.poolscope.ui.picture")
                .and().haveNameNotMatching(".*\\.(PoolPictureView|PicturePainter|PictureColours)(\\$.*)?")
                .should().dependOnClassesThat().resideInAPackage("javafx..")
                .check(classes);
    }
}
