import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.commons.ClassRemapper;
import net.bytebuddy.jar.asm.commons.Remapper;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * Build step of the deep probe: moves every class of one package prefix to another in the given jars, in place,
 * as the shade plugin's relocation does (class files renamed, every reference to them rewritten, string constants
 * naming them too), so that the probe's ByteBuddy cannot clash with a target's own. Multi-release entries
 * ({@code META-INF/versions/N/...}) move with their classes; {@code module-info.class} is dropped (the jars are
 * loaded from a class path). Uses the ASM that ByteBuddy itself repackages.
 *
 * <p>Run with the source launcher: {@code java -cp byte-buddy.jar RelocateJars FROM TO JAR...}, with {@code FROM}
 * and {@code TO} as internal names ending in a slash ({@code net/bytebuddy/}).
 */
public final class RelocateJars {
    private RelocateJars() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 3 || !args[0].endsWith("/") || !args[1].endsWith("/")) {
            throw new IllegalArgumentException("usage: RelocateJars FROM/ TO/ JAR...");
        }
        String from = args[0];
        String to = args[1];
        for (int i = 2; i < args.length; i++) {
            relocate(Path.of(args[i]), from, to);
        }
    }

    private static void relocate(Path jar, String from, String to) throws IOException {
        Remapper remapper = new Prefix(from, to);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int moved = 0;
        try (JarInputStream in = new JarInputStream(Files.newInputStream(jar))) {
            Manifest manifest = in.getManifest();
            try (JarOutputStream jo = manifest == null ? new JarOutputStream(out) : new JarOutputStream(out, manifest)) {
                for (JarEntry e = in.getNextJarEntry(); e != null; e = in.getNextJarEntry()) {
                    String name = e.getName();
                    if (name.endsWith("module-info.class") || e.isDirectory()) {
                        continue;
                    }
                    byte[] body = in.readAllBytes();
                    String target = rename(name, from, to);
                    if (name.endsWith(".class")) {
                        ClassReader reader = new ClassReader(body);
                        ClassWriter writer = new ClassWriter(0);
                        reader.accept(new ClassRemapper(writer, remapper), 0);
                        body = writer.toByteArray();
                    }
                    if (!target.equals(name)) {
                        moved++;
                    }
                    JarEntry copy = new JarEntry(target);
                    copy.setTime(e.getTime());
                    jo.putNextEntry(copy);
                    jo.write(body);
                    jo.closeEntry();
                }
            }
        }
        Files.write(jar, out.toByteArray());
        System.out.println("relocated " + from + " to " + to + " in " + jar.getFileName() + " (" + moved + " entries moved)");
    }

    /** {@code net/bytebuddy/X} and {@code META-INF/versions/N/net/bytebuddy/X} to the new prefix. */
    private static String rename(String name, String from, String to) {
        if (name.startsWith(from)) {
            return to + name.substring(from.length());
        }
        if (name.startsWith("META-INF/versions/")) {
            int slash = name.indexOf('/', "META-INF/versions/".length());
            if (slash > 0 && name.startsWith(from, slash + 1)) {
                return name.substring(0, slash + 1) + to + name.substring(slash + 1 + from.length());
            }
        }
        return name;
    }

    /** Internal names, descriptors and string constants with the old prefix (slashed or dotted) get the new one. */
    private static final class Prefix extends Remapper {
        private final String from;
        private final String to;
        private final String fromDotted;
        private final String toDotted;

        Prefix(String from, String to) {
            super(Opcodes.ASM9);
            this.from = from;
            this.to = to;
            this.fromDotted = from.replace('/', '.');
            this.toDotted = to.replace('/', '.');
        }

        @Override
        public String map(String internalName) {
            return internalName.startsWith(from) ? to + internalName.substring(from.length()) : internalName;
        }

        @Override
        public Object mapValue(Object value) {
            if (value instanceof String s) {
                return s.replace(from, to).replace(fromDotted, toDotted);
            }
            return super.mapValue(value);
        }
    }
}
