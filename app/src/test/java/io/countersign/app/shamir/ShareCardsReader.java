package io.countersign.app.shamir;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.text.PDFTextStripper;

/** Reads share cards back: each page's text (PDFBox) and its QR code (ZXing). */
public final class ShareCardsReader {
    /** One card: the page text and the decoded QR payload. */
    public record Card(String text, String qr) { }

    private ShareCardsReader() {}

    public static List<Card> read(Path pdf) throws Exception {
        List<Card> cards = new ArrayList<>();
        try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
            for (int i = 0; i < doc.getNumberOfPages(); i++) {
                PDFTextStripper stripper = new PDFTextStripper();
                stripper.setStartPage(i + 1);
                stripper.setEndPage(i + 1);
                String text = stripper.getText(doc);
                cards.add(new Card(text, qr(doc.getPage(i))));
            }
        }
        return cards;
    }

    /**
     * Reads a folder of one-card PDFs: the files {@code share-g*-m*.pdf}, in group then member
     * order, each of which must hold exactly one page (one share).
     */
    public static List<Card> readFolder(Path folder) throws Exception {
        List<Path> files;
        try (var list = java.nio.file.Files.list(folder)) {
            files = list.filter(f -> f.getFileName().toString().matches("share-g\\d+-m\\d+\\.pdf"))
                    .sorted(java.util.Comparator.comparing((Path f) -> number(f, 1)).thenComparing(f -> number(f, 2))).toList();
        }
        List<Card> cards = new ArrayList<>();
        for (Path f : files) {
            List<Card> one = read(f);
            if (one.size() != 1) {
                throw new AssertionError(f + " holds " + one.size() + " cards, not one");
            }
            cards.add(one.getFirst());
        }
        return cards;
    }

    private static int number(Path f, int group) {
        var m = java.util.regex.Pattern.compile("share-g(\\d+)-m(\\d+)\\.pdf").matcher(f.getFileName().toString());
        if (!m.matches()) {
            throw new AssertionError(f);
        }
        return Integer.parseInt(m.group(group));
    }

    /** The POSIX permission bits of a file, e.g. {@code rw-------}. */
    public static String permissions(Path file) throws Exception {
        return java.nio.file.attribute.PosixFilePermissions.toString(java.nio.file.Files.getPosixFilePermissions(file));
    }

    private static String qr(PDPage page) throws Exception {
        List<String> found = new ArrayList<>();
        for (COSName name : page.getResources().getXObjectNames()) {
            if (page.getResources().getXObject(name) instanceof PDImageXObject image) {
                BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image.getImage())));
                found.add(new QRCodeReader().decode(bitmap, Map.of(DecodeHintType.PURE_BARCODE, Boolean.TRUE)).getText());
            }
        }
        if (found.size() != 1) {
            throw new AssertionError("expected one QR image on the page, found " + found.size());
        }
        return found.getFirst();
    }
}
