package io.countersign.app.shamir;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.client.j2se.MatrixToImageWriter;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import io.countersign.shamir.GroupSpec;
import io.countersign.shamir.Share;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;

/**
 * Prints SLIP-39 share cards to PDF: one file of one A4 page per share, so each file can go to
 * its guardian and no file holds two shares. A card shows the group and member numbers, both thresholds, the words numbered,
 * a QR code of the mnemonic, the backup identifier and the fingerprint address to compare
 * after a recovery. Written only where the user asks.
 */
public final class ShareCards {
    private static final PDType1Font BOLD = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
    private static final PDType1Font REGULAR = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
    private static final PDType1Font MONO = new PDType1Font(Standard14Fonts.FontName.COURIER_BOLD);
    /** Card margins and QR size in PDF points (1/72 inch). */
    private static final float MARGIN = 48;
    private static final float QR_SIZE = 170;
    /** Pixels per QR module in the embedded image: crisp when printed, decodable when read back. */
    private static final int QR_MODULE_PIXELS = 6;

    private ShareCards() {}

    /**
     * The file name of a share's card: {@code share-g<G>-m<M>.pdf}, group and member numbered
     * from 1 as on the card.
     */
    public static String fileName(Share share) {
        return "share-g" + (share.groupIndex() + 1) + "-m" + (share.memberIndex() + 1) + ".pdf";
    }

    /**
     * Writes one PDF per share of a split into {@code folder} (created if missing), each holding
     * one card and nothing of any other share, so that each file can go to its guardian alone.
     * Every file is created owner-only before a byte is written ({@link SecretFiles}). If any
     * target file already exists nothing is written; if writing fails, the files written so far
     * are deleted.
     *
     * @param folder the folder for the cards (not a PDF file)
     * @param split the shares and their layout
     * @param label a name for the backup printed on every card (e.g. "Treasury cold key"), or empty
     * @return the files written, in group and member order
     * @throws UncheckedIOException if a file exists or cannot be written, naming it
     */
    public static List<Path> write(Path folder, SplitResult split, String label) {
        if (Files.isRegularFile(folder) || folder.getFileName() != null
                && folder.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".pdf")) {
            throw new UncheckedIOException(new IOException("share cards go to a folder, one PDF per share (share-g1-m1.pdf, …), "
                    + "not to one file such as " + folder + ": give a folder"));
        }
        List<Share> shares = new ArrayList<>();
        split.groups().forEach(shares::addAll);
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the folder " + folder + ": " + e.getMessage(), e);
        }
        for (Share share : shares) {
            if (Files.exists(folder.resolve(fileName(share)))) {
                throw new UncheckedIOException(new IOException(folder.resolve(fileName(share))
                        + " already exists: choose an empty folder (nothing was written)"));
            }
        }
        List<Path> written = new ArrayList<>();
        try {
            for (Share share : shares) {
                Path file = folder.resolve(fileName(share));
                SecretFiles.writeNew(file, out -> {
                    try (PDDocument doc = new PDDocument()) {
                        card(doc, share, split, label);
                        doc.save(out);
                    }
                });
                written.add(file);
            }
        } catch (RuntimeException e) {
            for (Path f : written) {
                try {
                    Files.deleteIfExists(f);
                } catch (IOException ignored) {
                    // the original error is what the user needs
                }
            }
            throw e;
        }
        return List.copyOf(written);
    }

    private static void card(PDDocument doc, Share share, SplitResult split, String label) throws IOException {
        PDPage page = new PDPage(PDRectangle.A4);
        doc.addPage(page);
        float width = page.getMediaBox().getWidth();
        float top = page.getMediaBox().getHeight() - MARGIN;
        GroupSpec spec = split.layout().get(share.groupIndex());
        List<String> words = share.words();
        try (PDPageContentStream c = new PDPageContentStream(doc, page)) {
            float boxBottom = top - 470;
            c.setLineWidth(1.2f);
            c.addRect(MARGIN - 12, boxBottom, width - 2 * MARGIN + 24, top - boxBottom + 12);
            c.stroke();

            text(c, BOLD, 11, MARGIN, top - 14, "SLIP-39 RECOVERY SHARE" + (label.isBlank() ? "" : "  ·  " + label));
            text(c, BOLD, 22, MARGIN, top - 44, "Group " + (share.groupIndex() + 1) + " of " + share.groupCount()
                    + "  ·  Member " + (share.memberIndex() + 1) + " of " + spec.memberCount());
            text(c, REGULAR, 11, MARGIN, top - 66, "This group needs " + share.memberThreshold() + " of its "
                    + spec.memberCount() + " share" + (spec.memberCount() == 1 ? "" : "s") + ". Recovery needs "
                    + share.groupThreshold() + " of the " + share.groupCount() + " group" + (share.groupCount() == 1 ? "" : "s") + ".");
            text(c, REGULAR, 9, MARGIN, top - 82, "Backup identifier " + share.identifier() + "  ·  iteration exponent "
                    + share.iterationExponent() + "  ·  " + (share.extendable() ? "extendable" : "not extendable")
                    + "  ·  " + words.size() + " words");

            float wordsTop = top - 112;
            int rows = (words.size() + 2) / 3;
            float colWidth = (width - 2 * MARGIN - QR_SIZE - 16) / 3;
            for (int i = 0; i < words.size(); i++) {
                float x = MARGIN + (i / rows) * colWidth;
                float y = wordsTop - (i % rows) * 20;
                text(c, REGULAR, 10, x, y, String.format("%2d.", i + 1));
                text(c, MONO, 12, x + 20, y, words.get(i));
            }
            PDImageXObject qr = LosslessFactory.createFromImage(doc, qrImage(share.mnemonic()));
            c.drawImage(qr, width - MARGIN - QR_SIZE, wordsTop - QR_SIZE + 12, QR_SIZE, QR_SIZE);
            text(c, REGULAR, 8, width - MARGIN - QR_SIZE, wordsTop - QR_SIZE, "QR: the words of this share");

            float foot = boxBottom + 70;
            text(c, BOLD, 9, MARGIN, foot, "Fingerprint address (m/44'/60'/0'/0/0): " + split.fingerprint());
            text(c, REGULAR, 8, MARGIN, foot - 13, split.kind() == SecretKind.BIP39_ENTROPY
                    ? "These shares restore a BIP-39 phrase, not a SLIP-39 wallet on a Trezor."
                    : "The master secret is the BIP-32 seed of the wallet (as on a Trezor Shamir backup).");
            text(c, REGULAR, 8, MARGIN, foot - 26, "After a recovery, compare the fingerprint: a wrong passphrase is not"
                    + " detected and opens a different wallet.");
            text(c, REGULAR, 8, MARGIN, foot - 39, "Keep this card secret and offline. Check it with: countersign shamir inspect"
                    + "   ·   printed " + LocalDate.now());
            text(c, BOLD, 10, MARGIN, boxBottom - 24, "Hand this card to its guardian only (group " + (share.groupIndex() + 1)
                    + ", member " + (share.memberIndex() + 1) + "). Never keep two cards together;");
            text(c, BOLD, 10, MARGIN, boxBottom - 38, "enough cards in one place rebuild the secret. Delete this file once printed.");
        }
    }

    private static void text(PDPageContentStream c, PDType1Font font, float size, float x, float y, String s)
            throws IOException {
        c.beginText();
        c.setFont(font, size);
        c.newLineAtOffset(x, y);
        c.showText(s);
        c.endText();
    }

    /** A QR code of the mnemonic (error correction M, the standard quiet zone of 4 modules). */
    static BufferedImage qrImage(String mnemonic) {
        try {
            BitMatrix probe = new QRCodeWriter().encode(mnemonic, BarcodeFormat.QR_CODE, 0, 0,
                    Map.of(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M, EncodeHintType.MARGIN, 4));
            int side = probe.getWidth() * QR_MODULE_PIXELS;
            BitMatrix m = new QRCodeWriter().encode(mnemonic, BarcodeFormat.QR_CODE, side, side,
                    Map.of(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M, EncodeHintType.MARGIN, 4));
            return MatrixToImageWriter.toBufferedImage(m);
        } catch (WriterException e) {
            throw new IllegalStateException("QR encoding of a share failed: " + e.getMessage(), e);
        }
    }
}
