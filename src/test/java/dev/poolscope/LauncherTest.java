package dev.poolscope;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

class LauncherTest {

    @Test
    void majorVersion_readsOldAndNewNumbering() {
        assertEquals(8, Launcher.majorVersion("1.8"));
        assertEquals(11, Launcher.majorVersion("11"));
        assertEquals(17, Launcher.majorVersion("17"));
        assertEquals(21, Launcher.majorVersion("21"));
        assertEquals(25, Launcher.majorVersion("25"));
        assertEquals(-1, Launcher.majorVersion(null));
        assertEquals(-1, Launcher.majorVersion("unknown"));
    }

    @Test
    void tooOld_onJava17_isOneLineNamingBothVersionsAndTheWayOut() {
        String line = Launcher.tooOld("17", "/opt/jdk-17");
        assertNotNull(line);
        assertTrue(line.contains("Java 17"), line);
        assertTrue(line.contains("Java 21 or newer"), line);
        assertTrue(line.contains("/opt/jdk-17"), line);
        assertTrue(line.contains("./poolscope"), line);
        assertTrue(line.contains("JAVA_HOME"), line);
        assertTrue(line.indexOf('\n') < 0 && line.indexOf('\r') < 0, line);
    }

    @Test
    void tooOld_onJava8_complains() {
        assertNotNull(Launcher.tooOld("1.8", null));
    }

    @Test
    void tooOld_onJava21AndNewer_letsItRun() {
        assertNull(Launcher.tooOld("21", "/x"));
        assertNull(Launcher.tooOld("25", "/x"));
        assertNull(Launcher.tooOld(System.getProperty("java.specification.version"), null));
    }

    @Test
    void launcherClass_isCompiledForJava8() throws IOException {
        try (InputStream in = Launcher.class.getResourceAsStream("Launcher.class")) {
            assertNotNull(in);
            DataInputStream data = new DataInputStream(in);
            assertEquals(0xCAFEBABE, data.readInt());
            data.readUnsignedShort(); // minor version
            assertEquals(52, data.readUnsignedShort(), "class file major version (52 is Java 8)");
        }
    }
}
