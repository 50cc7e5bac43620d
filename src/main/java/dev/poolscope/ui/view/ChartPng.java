package dev.poolscope.ui.view;

import javafx.scene.Node;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;

/** Node snapshots as PNG files, without javafx-swing. */
public final class ChartPng {
    private ChartPng() {
    }

    /** Takes a snapshot of the node as an image. FX thread. */
    public static BufferedImage snapshot(Node node) {
        WritableImage img = node.snapshot(null, null);
        int w = (int) img.getWidth();
        int h = (int) img.getHeight();
        int[] argb = new int[w * h];
        img.getPixelReader().getPixels(0, 0, w, h, PixelFormat.getIntArgbInstance(), argb, 0, w);
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        out.setRGB(0, 0, w, h, argb, 0, w);
        return out;
    }

    /** Writes an image as PNG (to a temporary file first, so readers never see half a file). Any thread. */
    public static void write(BufferedImage image, Path file) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".part");
        if (!ImageIO.write(image, "png", tmp.toFile())) {
            throw new IOException("no PNG writer available");
        }
        java.nio.file.Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    /** True if the image has at least {@code minColours} distinct colours (not blank). */
    public static boolean hasContent(BufferedImage image, int minColours) {
        java.util.Set<Integer> seen = new java.util.HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 3) {
            for (int x = 0; x < image.getWidth(); x += 3) {
                seen.add(image.getRGB(x, y));
                if (seen.size() >= minColours) {
                    return true;
                }
            }
        }
        return false;
    }
}
