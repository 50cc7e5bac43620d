package dev.poolscope.attach;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The deep probe's jars as the build packages them: ByteBuddy is relocated, so nothing in them is named
 * {@code net.bytebuddy} nor refers to that name, and a target's own ByteBuddy cannot clash with the probe's.
 */
class ProbeJarsTest {
    private static final String OLD_SLASHED = "net/bytebuddy/";
    private static final String OLD_DOTTED = "net.bytebuddy.";
    private static final String NEW = "dev/poolscope/agent/shaded/bytebuddy/";

    @Test
    void probeJars_nameAndReferNoUnrelocatedByteBuddy() throws IOException {
        List<String> offending = new ArrayList<>();
        int classes = 0;
        for (String jar : new String[]{"poolscope-agent.jar", "poolscope-probe.jar", "poolscope-boot.jar", "poolscope-byte-buddy.jar"}) {
            try (InputStream raw = AgentJars.class.getResourceAsStream(jar)) {
                assertNotNull(raw, jar + " is packaged beside AgentJars");
                try (JarInputStream in = new JarInputStream(raw)) {
                    for (JarEntry e = in.getNextJarEntry(); e != null; e = in.getNextJarEntry()) {
                        String body = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
                        if (e.getName().contains(OLD_SLASHED)) {
                            offending.add(jar + "!" + e.getName());
                        } else if (e.getName().endsWith(".class")) {
                            classes++;
                            if (body.contains(OLD_SLASHED) || body.contains(OLD_DOTTED)) {
                                offending.add(jar + "!" + e.getName() + " refers to net.bytebuddy");
                            }
                        }
                    }
                }
            }
        }
        assertTrue(classes > 1000, "the jars hold the probe and ByteBuddy: " + classes + " classes");
        assertEquals(List.of(), offending.subList(0, Math.min(5, offending.size())), offending.size() + " unrelocated");
    }

    @Test
    void probeJar_usesTheRelocatedByteBuddy() throws IOException {
        boolean advice = false;
        try (JarInputStream in = new JarInputStream(AgentJars.class.getResourceAsStream("poolscope-probe.jar"))) {
            for (JarEntry e = in.getNextJarEntry(); e != null; e = in.getNextJarEntry()) {
                String body = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
                if (e.getName().equals("dev/poolscope/agent/DeepAgent.class")) {
                    advice = body.contains(NEW + "agent/builder/AgentBuilder");
                }
            }
        }
        assertTrue(advice, "DeepAgent builds its advice with the relocated AgentBuilder");
        boolean relocated = false;
        try (JarInputStream in = new JarInputStream(AgentJars.class.getResourceAsStream("poolscope-byte-buddy.jar"))) {
            for (JarEntry e = in.getNextJarEntry(); e != null; e = in.getNextJarEntry()) {
                relocated |= e.getName().equals(NEW + "ByteBuddy.class");
            }
        }
        assertTrue(relocated, "ByteBuddy's own classes moved to " + NEW);
    }
}
