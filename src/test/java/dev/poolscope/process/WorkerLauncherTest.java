package dev.poolscope.process;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How worker commands are built: the class-data archive's life cycle, and output kept off the channel. */
@Timeout(30)
class WorkerLauncherTest {
    private static final String USE = WorkerLauncher.AOT_CACHE ? "-XX:AOTCache=" : "-XX:SharedArchiveFile=";
    private static final String RECORD = WorkerLauncher.AOT_CACHE ? "-XX:AOTCacheOutput=" : "-XX:ArchiveClassesAtExit=";

    private static String jarPath(Path dir, String name) throws Exception {
        Path jar = dir.resolve(name);
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(jar))) {
            z.putNextEntry(new ZipEntry("x/" + name + ".txt"));
            z.write(System.nanoTime() % 256 == 0 ? 1 : 2); // some content
            z.closeEntry();
        }
        return jar.toString();
    }

    private static WorkerLauncher launcher(String classPath) {
        return new WorkerLauncher(ProcessPoolSettings.defaults(), List.of(), null, 250, classPath);
    }

    private static String option(List<String> cmd, String prefix) {
        return cmd.stream().filter(o -> o.startsWith(prefix)).findFirst().orElse(null);
    }

    @Test
    void firstWorkerRecordsTheArchive_othersNeither_untilItExists(@TempDir Path dir) throws Exception {
        WorkerLauncher l = launcher(jarPath(dir, "a.jar") + File.pathSeparator + jarPath(dir, "b.jar"));
        String archive = l.cdsArchive();
        assertNotNull(archive, "a class path of jars gets an archive");
        try {
            WorkerLauncher.Launch first = l.launch(0);
            assertNotNull(first.records());
            assertEquals(RECORD + first.records(), option(first.command(), RECORD));
            WorkerLauncher.Launch second = l.launch(1);
            assertNull(second.records());
            assertNull(option(second.command(), RECORD));
            assertNull(option(second.command(), USE));

            Files.write(Path.of(archive), new byte[] {1});
            WorkerLauncher.Launch third = l.launch(2);
            assertEquals(USE + archive, option(third.command(), USE));
            assertTrue(third.command().indexOf(USE + archive) < third.command().indexOf("-cp"), "a JVM option");
        } finally {
            Files.deleteIfExists(Path.of(archive));
        }
    }

    @Test
    void anotherWorkersExit_leavesTheRecordingAlone(@TempDir Path dir) throws Exception {
        WorkerLauncher l = launcher(jarPath(dir, "c.jar"));
        Process other = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-version")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertTrue(other.waitFor(20, TimeUnit.SECONDS));
        WorkerLauncher.Launch first = l.launch(0);
        Files.write(first.records(), new byte[] {1});
        Files.write(Path.of(first.records() + ".config"), new byte[] {1});
        try {
            l.archiveWorkerExited(other, 0);
            assertTrue(Files.exists(first.records()));
            assertTrue(Files.exists(Path.of(first.records() + ".config")));
            assertFalse(Files.exists(Path.of(l.cdsArchive())));
        } finally {
            Files.deleteIfExists(first.records());
            Files.deleteIfExists(Path.of(first.records() + ".config"));
        }
    }

    @Test
    void directoriesOnTheClassPath_meanNoArchive(@TempDir Path dir) throws Exception {
        WorkerLauncher l = launcher(jarPath(dir, "d.jar") + File.pathSeparator + dir);
        assertNull(l.cdsArchive());
        assertNull(option(l.launch(0).command(), RECORD));
    }

    @Test
    void vmMessagesAndLoggingGoToTheLog_notTheProtocolChannel() {
        List<String> cmd = launcher(System.getProperty("java.class.path")).launch(0).command();
        assertTrue(cmd.contains("-XX:+DisplayVMOutputToStderr"), cmd.toString());
        assertTrue(cmd.indexOf("-Xlog:disable") < cmd.indexOf("-Xlog:all=warning:stderr"), cmd.toString());
        assertEquals("-Xlog:gc:stderr", WorkerLauncher.toStderr("-verbose:gc"));
        assertEquals("-Xlog:gc*:stderr", WorkerLauncher.toStderr("-Xlog:gc*"));
    }

    @Test
    void archiveFolder_isCreatedForItsOwnerOnly_andAFolderOpenToOthersIsClosedAndEmptied(@TempDir Path tmp) throws Exception {
        var ownerOnly = java.nio.file.attribute.PosixFilePermissions.fromString("rwx------");
        Path fresh = WorkerLauncher.privateDir(tmp.resolve("fresh"));
        assertNotNull(fresh);
        assertEquals(ownerOnly, Files.getPosixFilePermissions(fresh));

        Path open = Files.createDirectory(tmp.resolve("open"));
        Files.setPosixFilePermissions(open, java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx"));
        Files.writeString(open.resolve("worker-planted.jsa"), "not ours");
        assertNotNull(WorkerLauncher.privateDir(open));
        assertEquals(ownerOnly, Files.getPosixFilePermissions(open));
        assertFalse(Files.exists(open.resolve("worker-planted.jsa")), "what others could have written is gone");

        Path link = Files.createSymbolicLink(tmp.resolve("link"), fresh);
        assertNull(WorkerLauncher.privateDir(link), "a link is not used");
    }
}
