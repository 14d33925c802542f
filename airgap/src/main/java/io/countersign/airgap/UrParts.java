package io.countersign.airgap;

import com.sparrowwallet.hummingbird.Bytewords;
import com.sparrowwallet.hummingbird.ResultType;
import com.sparrowwallet.hummingbird.UR;
import com.sparrowwallet.hummingbird.URDecoder;
import com.sparrowwallet.hummingbird.UREncoder;
import com.sparrowwallet.hummingbird.fountain.FountainEncoder;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * BC-UR text (BCR-2020-005) with multi-part fountain codes, over Blockchain Commons' encoder and
 * decoder as Sparrow ships them (hummingbird). A UR that fits one fragment is one part
 * {@code ur:TYPE/BYTEWORDS}; a longer one is split into {@code seqLen} fragments and sent as
 * parts {@code ur:TYPE/SEQ-SEQLEN/BYTEWORDS}, the first {@code seqLen} the plain fragments and
 * the rest fountain mixes of them, so a reader that misses some frames still assembles the UR
 * from any sufficient subset, in any order.
 */
public final class UrParts {
    /** Fragment size for QR frames: each part then fits a version-16ish code at error correction L. */
    public static final int DEFAULT_FRAGMENT_LENGTH = 200;
    private static final Pattern PART = Pattern.compile("ur:([a-z0-9-]+)/(?:([1-9][0-9]*)-([1-9][0-9]*)/)?([a-z]+)");

    private UrParts() {}

    /**
     * The parts to show for {@code ur}: one part if it fits a fragment, else {@code frames}
     * parts (at least the number of fragments; twice that is a good default for a camera).
     */
    public static List<String> encode(UR ur, int maxFragmentLength, int frames) {
        UREncoder encoder = new UREncoder(ur, maxFragmentLength, 10, 0);
        if (encoder.isSinglePart()) {
            return List.of(UREncoder.encode(ur));
        }
        int n = Math.max(frames, encoder.getSeqLen());
        List<String> parts = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            parts.add(encoder.nextPart());
        }
        return parts;
    }

    /** As {@link #encode(UR, int, int)} with twice as many frames as fragments. */
    public static List<String> encode(UR ur) {
        UREncoder probe = new UREncoder(ur, DEFAULT_FRAGMENT_LENGTH, 10, 0);
        return encode(ur, DEFAULT_FRAGMENT_LENGTH, probe.isSinglePart() ? 1 : 2 * probe.getSeqLen());
    }

    /** An encoder that cycles forever (the console's animation). */
    public static UREncoder cycling(UR ur, int maxFragmentLength) {
        return new UREncoder(ur, maxFragmentLength, 10, 0);
    }

    /**
     * Collects the parts of one UR in any order, with gaps and repeats. Every part is checked
     * before the fountain decoder sees it: a part whose bytewords checksum fails is refused as
     * corrupted; a part of another UR (another type, length or checksum) is refused as belonging
     * to another code.
     */
    public static final class Assembler {
        private final URDecoder decoder = new URDecoder();
        private String type;
        private String single;
        private FountainEncoder.Part first;
        private int accepted;

        /**
         * @param part one {@code ur:} string (case-insensitive, surrounding white space ignored)
         * @param where where it came from (a file and frame), for the message
         * @throws AirgapException if the part is not UR text, is corrupted, or belongs to another code
         */
        public void add(String part, String where) {
            String s = part.strip().toLowerCase(Locale.ROOT);
            Matcher m = PART.matcher(s);
            if (!m.matches()) {
                throw new AirgapException(where + ": not a UR part (expected ur:TYPE/… or ur:TYPE/SEQ-LEN/…, read \""
                        + abbreviate(part) + "\")");
            }
            String t = m.group(1);
            if (type != null && !type.equals(t)) {
                throw new AirgapException(where + ": a part of another code (ur:" + t + ", while assembling ur:" + type
                        + "); scan one code at a time");
            }
            byte[] body;
            try {
                body = Bytewords.decode(m.group(4), Bytewords.Style.MINIMAL);
            } catch (RuntimeException e) {
                throw new AirgapException(where + ": corrupted UR part (its bytewords checksum does not match: "
                        + e.getMessage() + "); scan it again", e);
            }
            if (m.group(2) == null) {
                if (single != null && !single.equals(s)) {
                    throw new AirgapException(where + ": a second, different single-part ur:" + t + "; scan one code at a time");
                }
                if (first != null) {
                    throw new AirgapException(where + ": a single-part ur:" + t + " among the parts of a multi-part one; scan one code at a time");
                }
                try {
                    URDecoder.decode(s);
                } catch (UR.URException | RuntimeException e) {
                    throw new AirgapException(where + ": corrupted UR (" + e.getMessage() + ")", e);
                }
                single = s;
                type = t;
                decoder.receivePart(s);
                accepted++;
                return;
            }
            if (single != null) {
                throw new AirgapException(where + ": a part of a multi-part ur:" + t + " after a single-part one; scan one code at a time");
            }
            FountainEncoder.Part p;
            try {
                p = FountainEncoder.Part.fromCborBytes(body);
            } catch (Exception e) {
                throw new AirgapException(where + ": corrupted UR part (its fountain header is not valid CBOR)", e);
            }
            if (p.getSeqNum() != Long.parseLong(m.group(2)) || p.getSeqLen() != Integer.parseInt(m.group(3))) {
                throw new AirgapException(where + ": corrupted UR part (its header says " + p.getSeqNum() + "-" + p.getSeqLen()
                        + " but its text " + m.group(2) + "-" + m.group(3) + ")");
            }
            if (first != null && (p.getSeqLen() != first.getSeqLen() || p.getMessageLen() != first.getMessageLen()
                    || p.getChecksum() != first.getChecksum())) {
                throw new AirgapException(where + ": a part of another code (checksum " + Long.toHexString(p.getChecksum())
                        + ", " + p.getMessageLen() + " bytes, while assembling checksum " + Long.toHexString(first.getChecksum())
                        + ", " + first.getMessageLen() + " bytes); scan one code at a time");
            }
            if (first == null) {
                first = p;
                type = t;
            }
            decoder.receivePart(s);
            accepted++;
        }

        /** True once the UR is whole. */
        public boolean complete() {
            return decoder.getResult() != null;
        }

        /** 0..1: how much of the UR has been recovered (an estimate while mixes are pending). */
        public double progress() {
            return complete() ? 1.0 : Math.min(0.99, decoder.getEstimatedPercentComplete());
        }

        /**
         * The assembled UR.
         *
         * @throws AirgapException if no part was given, the parts do not yet make the whole UR,
         *     or the assembled message fails its checksum
         */
        public UR result() {
            URDecoder.Result r = decoder.getResult();
            if (r == null) {
                if (accepted == 0) {
                    throw new AirgapException("no UR part was read");
                }
                throw new AirgapException("incomplete code: " + decoder.getReceivedPartIndexes().size() + " of "
                        + decoder.getExpectedPartCount() + " fragments recovered from " + accepted
                        + " parts; scan more frames (the animation repeats)");
            }
            if (r.type != ResultType.SUCCESS) {
                throw new AirgapException("the assembled code is corrupted (" + r.error + "); scan it again");
            }
            return r.ur;
        }
    }

    private static String abbreviate(String s) {
        String t = s.strip();
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < t.length() && b.length() < 40; i++) {
            char c = t.charAt(i);
            b.append(c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) ? '?' : c);
        }
        return t.length() > 40 ? b + "…" : b.toString();
    }
}
