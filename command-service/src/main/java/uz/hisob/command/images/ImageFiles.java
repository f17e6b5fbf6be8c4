package uz.hisob.command.images;

import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Set;

/**
 * What an uploaded file is, judged by its bytes: JPEG, PNG or WebP, its size in pixels, and a JPEG thumbnail of at
 * most {@value #THUMB} px on its longer side. The image is decoded subsampled to about twice the thumbnail's size,
 * so a large photo never needs its full resolution in memory; more than {@value #MAX_PIXELS} pixels is refused.
 */
public final class ImageFiles {

    public static final Set<String> TYPES = Set.of("image/jpeg", "image/png", "image/webp");
    public static final int MAX_BYTES = 10 * 1024 * 1024;
    static final int THUMB = 320;
    static final long MAX_PIXELS = 100_000_000L;

    /** A judged image. */
    public record Judged(String contentType, String sha256, int width, int height, byte[] thumbnail) {
    }

    /** Not an image this service keeps (415), or one too large in pixels (413). */
    public static final class Refused extends Exception {
        private final boolean tooLarge;

        Refused(String message, boolean tooLarge) {
            super(message, null, false, false);
            this.tooLarge = tooLarge;
        }

        public boolean tooLarge() {
            return tooLarge;
        }
    }

    private ImageFiles() {
    }

    /** The type the bytes declare by their signature, or null. */
    static String sniff(byte[] b) {
        if (b.length >= 3 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xD8 && (b[2] & 0xFF) == 0xFF) {
            return "image/jpeg";
        }
        if (b.length >= 8 && (b[0] & 0xFF) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G' && b[4] == 0x0D && b[5] == 0x0A
                && b[6] == 0x1A && b[7] == 0x0A) {
            return "image/png";
        }
        if (b.length >= 12 && b[0] == 'R' && b[1] == 'I' && b[2] == 'F' && b[3] == 'F' && b[8] == 'W' && b[9] == 'E' && b[10] == 'B'
                && b[11] == 'P') {
            return "image/webp";
        }
        return null;
    }

    public static Judged judge(byte[] bytes) throws Refused {
        String type = sniff(bytes);
        if (type == null) {
            throw new Refused("The file is not a JPEG, PNG or WebP image", false);
        }
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReadersByMIMEType(type);
            if (!readers.hasNext()) {
                throw new Refused("No reader for " + type, false);
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                int width = reader.getWidth(0);
                int height = reader.getHeight(0);
                if ((long) width * height > MAX_PIXELS) {
                    throw new Refused("The image has more than " + MAX_PIXELS + " pixels", true);
                }
                int longer = Math.max(width, height);
                int step = Math.max(1, longer / (2 * THUMB));
                ImageReadParam param = reader.getDefaultReadParam();
                param.setSourceSubsampling(step, step, 0, 0);
                BufferedImage decoded = reader.read(0, param);
                return new Judged(type, sha256(bytes), width, height, thumbnail(decoded));
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            throw new Refused("The file is not a readable " + type.substring(6).toUpperCase() + " image", false);
        }
    }

    private static byte[] thumbnail(BufferedImage image) throws IOException {
        double scale = Math.min(1.0, (double) THUMB / Math.max(image.getWidth(), image.getHeight()));
        int w = Math.max(1, (int) Math.round(image.getWidth() * scale));
        int h = Math.max(1, (int) Math.round(image.getHeight() * scale));
        BufferedImage thumb = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = thumb.createGraphics();
        try {
            // transparency over white: a JPEG has no alpha
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, w, h);
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.drawImage(image, 0, 0, w, h, null);
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(thumb, "jpg", out);
        return out.toByteArray();
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
