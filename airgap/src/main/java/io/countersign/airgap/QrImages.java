package io.countersign.airgap;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.EncodeHintType;
import com.google.zxing.LuminanceSource;
import com.google.zxing.NotFoundException;
import com.google.zxing.Result;
import com.google.zxing.WriterException;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.client.j2se.MatrixToImageWriter;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.multi.qrcode.QRCodeMultiReader;
import com.google.zxing.qrcode.QRCodeReader;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * QR images of UR parts, with ZXing. A part is written in upper case so the QR code uses the
 * alphanumeric mode (BCR-2020-005, "QR code encoding"), error correction level L (the fountain
 * code covers lost frames), a 4-module quiet zone.
 */
public final class QrImages {
    private QrImages() {}

    /** The QR module matrix of one UR part. */
    public static BitMatrix matrix(String part) {
        Map<EncodeHintType, Object> hints = new EnumMap<>(EncodeHintType.class);
        hints.put(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.L);
        hints.put(EncodeHintType.MARGIN, 4);
        try {
            return new QRCodeWriter().encode(part.toUpperCase(Locale.ROOT), BarcodeFormat.QR_CODE, 0, 0, hints);
        } catch (WriterException e) {
            throw new AirgapException("cannot make a QR code of " + part.length() + " characters: " + e.getMessage(), e);
        }
    }

    /** One part as a black-on-white image, each module {@code scale} pixels. */
    public static BufferedImage image(String part, int scale) {
        BitMatrix m = matrix(part);
        BitMatrix scaled = new BitMatrix(m.getWidth() * scale, m.getHeight() * scale);
        for (int y = 0; y < m.getHeight(); y++) {
            for (int x = 0; x < m.getWidth(); x++) {
                if (m.get(x, y)) {
                    scaled.setRegion(x * scale, y * scale, scale, scale);
                }
            }
        }
        return MatrixToImageWriter.toBufferedImage(scaled);
    }

    /** Writes one part as a PNG. */
    public static void writePng(String part, int scale, Path file) throws IOException {
        if (!ImageIO.write(image(part, scale), "png", file.toFile())) {
            throw new IOException("no PNG writer");
        }
    }

    /**
     * The text of every QR code in an image (a frame, a photo, a screenshot), lower-cased when it
     * is UR text.
     *
     * @throws AirgapException if the file is not an image or holds no QR code
     */
    public static List<String> read(Path file) {
        BufferedImage img;
        try {
            img = ImageIO.read(file.toFile());
        } catch (IOException e) {
            throw new AirgapException(file + ": cannot read the image (" + e.getMessage() + ")", e);
        }
        if (img == null) {
            throw new AirgapException(file + ": not a PNG, JPEG, GIF or BMP image");
        }
        List<String> texts = read(img);
        if (texts.isEmpty()) {
            throw new AirgapException(file + ": no QR code found in the image; use a sharper, larger or better-lit picture");
        }
        return texts;
    }

    /** As {@link #read(Path)} for an image in memory; empty when it holds no QR code. */
    public static List<String> read(BufferedImage img) {
        LuminanceSource source = new BufferedImageLuminanceSource(img);
        BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(source));
        Map<DecodeHintType, Object> hints = new EnumMap<>(DecodeHintType.class);
        hints.put(DecodeHintType.TRY_HARDER, Boolean.TRUE);
        hints.put(DecodeHintType.POSSIBLE_FORMATS, List.of(BarcodeFormat.QR_CODE));
        List<String> out = new ArrayList<>();
        try {
            for (Result r : new QRCodeMultiReader().decodeMultiple(bitmap, hints)) {
                out.add(normalize(r.getText()));
            }
        } catch (NotFoundException e) {
            try {
                out.add(normalize(new QRCodeReader().decode(bitmap, hints).getText()));
            } catch (com.google.zxing.ReaderException ignored) {
                // no code in this image
            }
        }
        return out;
    }

    private static String normalize(String text) {
        String t = text.strip();
        return t.regionMatches(true, 0, "ur:", 0, 3) ? t.toLowerCase(Locale.ROOT) : t;
    }
}
