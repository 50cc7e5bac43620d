package dev.poolscope.process;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The class-data archive (AOT cache on JDK 25) end to end: on a class path of
 * jars, the pool's first worker records it and, when that worker exits
 * normally, the pool puts it in place for the workers started after it.
 */
@Timeout(90)
class ClassDataArchiveTest {

    /** The compiled main classes as one jar, so the class path holds jars only. */
    private static Path mainClassesJar(Path dir) throws Exception {
        Path classes = Path.of(WorkerMain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path jar = dir.resolve("poolscope-classes.jar");
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(jar)); Stream<Path> files = Files.walk(classes)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                z.putNextEntry(new ZipEntry(classes.relativize(f).toString().replace(File.separatorChar, '/')));
                Files.copy(f, z);
                z.closeEntry();
            }
        }
        return jar;
    }

    @Test
    void firstWorkerExitingNormally_putsTheArchiveInPlace_forLaterWorkers(@TempDir Path dir) throws Exception {
        List<String> path = new ArrayList<>();
        path.add(mainClassesJar(dir).toString());
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (entry.endsWith(".jar") && Files.isRegularFile(Path.of(entry))) {
                path.add(entry); // the libraries
            }
        }
        ProcessWorkerPool p = new ProcessWorkerPool(ProcessTestSupport.config(1), ProcessTestSupport.quick(),
                String.join(File.pathSeparator, path));
        String archive = p.cdsArchive();
        try {
            assertNotNull(archive, "a class path of jars gets an archive");
            assertFalse(Files.exists(Path.of(archive)), "a fresh jar: no archive yet");
            assertTrue(p.workerCommand().stream().noneMatch(o -> o.contains(archive)));
            p.shutdown(); // the worker exits normally, so its JVM writes the archive
            assertTrue(p.awaitTermination(60, TimeUnit.SECONDS), p.toString());
            assertTrue(Files.isRegularFile(Path.of(archive)) && Files.size(Path.of(archive)) > 0,
                    "the recording worker's archive was put in place: " + p.workerDetails() + " " + p.workerLog(0));
            try (Stream<Path> left = Files.list(Path.of(archive).getParent())) {
                assertTrue(left.noneMatch(f -> f.getFileName().toString().startsWith(Path.of(archive).getFileName()
                        + ".tmp" + ProcessHandle.current().pid() + "-")), "no recording left behind");
            }
        } finally {
            ProcessTestSupport.closeAndCheck(p);
            if (archive != null) {
                Files.deleteIfExists(Path.of(archive));
            }
        }
    }
}
