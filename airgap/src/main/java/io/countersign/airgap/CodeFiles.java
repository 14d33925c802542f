package io.countersign.airgap;

import com.sparrowwallet.hummingbird.UR;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads air-gap codes from files: QR images (PNG, JPEG, GIF, BMP; each may hold several codes,
 * e.g. a screenshot) and text files of {@code ur:} strings (one part per line or separated by
 * white space). Files are recognised by their first bytes, not their names.
 */
public final class CodeFiles {
    private CodeFiles() {}

    /** One UR part and where it was read. */
    public record Part(String text, String where) {}

    /** True if the file starts like an image or like UR text (so it is not a request file). */
    public static boolean looksLikeCode(Path file) {
        try (var in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(8);
            if (isImage(head)) {
                return true;
            }
            String s = new String(head, StandardCharsets.ISO_8859_1).stripLeading();
            return s.regionMatches(true, 0, "ur:", 0, 3);
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean isImage(byte[] h) {
        return (h.length >= 8 && (h[0] & 0xff) == 0x89 && h[1] == 'P' && h[2] == 'N' && h[3] == 'G')
                || (h.length >= 3 && (h[0] & 0xff) == 0xFF && (h[1] & 0xff) == 0xD8 && (h[2] & 0xff) == 0xFF)
                || (h.length >= 4 && h[0] == 'G' && h[1] == 'I' && h[2] == 'F' && h[3] == '8')
                || (h.length >= 2 && h[0] == 'B' && h[1] == 'M');
    }

    /**
     * Every UR part in the files, in file order.
     *
     * @throws AirgapException if a file cannot be read, is an image without a QR code, or is
     *     text that is not UR parts
     */
    public static List<Part> parts(List<Path> files) {
        List<Part> out = new ArrayList<>();
        for (Path f : files) {
            out.addAll(parts(f));
        }
        return out;
    }

    /** The UR parts of one file. */
    public static List<Part> parts(Path f) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(f);
        } catch (IOException e) {
            throw new AirgapException(f + ": cannot read (" + e.getMessage() + ")", e);
        }
        List<Part> out = new ArrayList<>();
        if (isImage(java.util.Arrays.copyOf(bytes, Math.min(8, bytes.length)))) {
            List<String> texts = QrImages.read(f);
            for (int i = 0; i < texts.size(); i++) {
                out.add(new Part(texts.get(i), f + (texts.size() > 1 ? " (code " + (i + 1) + ")" : "")));
            }
            return out;
        }
        return textParts(decodeUtf8(bytes, f.toString()), f.toString());
    }

    /** The UR parts of pasted or typed text (white-space separated). */
    public static List<Part> textParts(String text, String where) {
        List<Part> out = new ArrayList<>();
        int n = 0;
        for (String token : text.strip().split("\\s+")) {
            if (token.isEmpty()) {
                continue;
            }
            n++;
            out.add(new Part(token, where + " (part " + n + ")"));
        }
        if (out.isEmpty()) {
            throw new AirgapException(where + ": holds no UR text (expected lines starting ur:)");
        }
        return out;
    }

    private static String decodeUtf8(byte[] bytes, String where) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new AirgapException(where + ": neither an image nor UR text");
        }
    }

    /** Assembles one UR from parts. */
    public static UR assemble(List<Part> parts) {
        UrParts.Assembler a = new UrParts.Assembler();
        for (Part p : parts) {
            a.add(p.text(), p.where());
        }
        return a.result();
    }

    /**
     * The codes in parts: each single-part UR is a code of its own, and the parts of multi-part
     * URs are assembled together (one multi-part code per call).
     */
    public static List<UR> codes(List<Part> parts) {
        List<UR> out = new ArrayList<>();
        List<Part> multi = new ArrayList<>();
        for (Part p : parts) {
            if (p.text().strip().toLowerCase(java.util.Locale.ROOT).matches("ur:[a-z0-9-]+/[a-z]+")) {
                out.add(assemble(List.of(p)));
            } else {
                multi.add(p);
            }
        }
        if (!multi.isEmpty()) {
            out.add(assemble(multi));
        }
        return out;
    }
}
