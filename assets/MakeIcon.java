import java.awt.*;
import java.awt.geom.*;
import java.awt.image.BufferedImage;
import javax.imageio.ImageIO;
import java.io.File;

public class MakeIcon {
    static BufferedImage draw(int size) {
        BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        double s = size / 256.0;
        g.scale(s, s);
        g.setPaint(new GradientPaint(0, 0, new Color(0x1f3a5f), 0, 256, new Color(0x0f1e33)));
        g.fill(new RoundRectangle2D.Double(8, 8, 240, 240, 56, 56));
        // four worker lanes with task bars, like the dashboard's timeline
        Color[] c = {new Color(0x4caf7d), new Color(0x4caf7d), new Color(0xe0a030), new Color(0x4caf7d)};
        double[][] bars = {{40, 70, 120, 60}, {40, 110, 160, 50}, {40, 40, 90, 110}, {40, 150, 200, 20}};
        for (int lane = 0; lane < 4; lane++) {
            double y = 52 + lane * 40;
            g.setColor(new Color(255, 255, 255, 30));
            g.fill(new RoundRectangle2D.Double(36, y, 184, 26, 10, 10));
            double[] b = bars[lane];
            g.setColor(lane == 2 ? c[2] : new Color(0x4fc3f7));
            g.fill(new RoundRectangle2D.Double(b[0], y + 3, b[1], 20, 8, 8));
            g.setColor(c[lane]);
            g.fill(new RoundRectangle2D.Double(b[2], y + 3, b[3], 20, 8, 8));
        }
        // a magnifier ring: the "scope"
        g.setStroke(new BasicStroke(14, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.setColor(new Color(0xffffff));
        g.draw(new Ellipse2D.Double(128, 128, 80, 80));
        g.draw(new Line2D.Double(196, 196, 226, 226));
        g.dispose();
        return img;
    }

    public static void main(String[] a) throws Exception {
        ImageIO.write(draw(256), "png", new File(a[0] + "/icon.png"));
        for (int n : new int[]{16, 32, 64, 256}) {
            ImageIO.write(draw(n), "png", new File(a[1] + "/icon-" + n + ".png"));
        }
    }
}
