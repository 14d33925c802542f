package io.countersign.app.shamir;

import io.countersign.shamir.CeremonyStatus;
import io.countersign.shamir.InvalidChecksumException;
import io.countersign.shamir.ShamirException;
import io.countersign.shamir.Share;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Collects the shares of a recovery ceremony one at a time, checking each as it comes: that it
 * decodes (word list, length, RS1024 checksum, padding) and that it agrees with the shares
 * accepted before it (identifier, iteration exponent, thresholds, member indices). A refused
 * share is not kept. Used by {@code shamir inspect} and the console's ceremony wizard.
 * Not thread-safe.
 */
public final class ShareCollector {
    private static final Pattern SHARE_REF = Pattern.compile("\\bshare (\\d+)\\b");

    private final List<Share> accepted = new ArrayList<>();
    private final List<Integer> positions = new ArrayList<>();
    private int offered;

    /**
     * Checks a share and keeps it if it is good.
     *
     * @param mnemonic the share's words (case, extra spaces and 4-letter abbreviations tolerated)
     * @return the outcome; its position is the number of shares offered so far
     */
    public ShareCheck offer(String mnemonic) {
        int position = ++offered;
        Share share;
        try {
            share = Share.parse(mnemonic, position);
        } catch (ShamirException e) {
            return new ShareCheck.Rejected(position, null, e.getMessage(), e instanceof InvalidChecksumException);
        }
        int same = accepted.indexOf(share);
        if (same >= 0) {
            return new ShareCheck.Repeated(position, share, positions.get(same));
        }
        List<Share> trial = new ArrayList<>(accepted);
        trial.add(share);
        try {
            CeremonyStatus.of(trial);
        } catch (ShamirException e) {
            return new ShareCheck.Rejected(position, share, renumber(e.getMessage(), position), false);
        }
        accepted.add(share);
        positions.add(position);
        return new ShareCheck.Accepted(position, share);
    }

    /** The library names shares by their place in the accepted list; say the guardian's positions instead. */
    private String renumber(String message, int newPosition) {
        Matcher m = SHARE_REF.matcher(message);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            int i = Integer.parseInt(m.group(1)) - 1;
            int real = i < positions.size() ? positions.get(i) : newPosition;
            m.appendReplacement(out, "share " + real);
        }
        m.appendTail(out);
        return out.toString();
    }

    /** The accepted shares, in input order. */
    public List<Share> shares() {
        return List.copyOf(accepted);
    }

    /** The 1-based input position of each accepted share. */
    public List<Integer> positions() {
        return List.copyOf(positions);
    }

    /** The ceremony status of the accepted shares; empty before the first is accepted. */
    public Optional<CeremonyStatus> status() {
        if (accepted.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(CeremonyStatus.of(accepted));
        } catch (ShamirException e) {
            throw new IllegalStateException("accepted shares became inconsistent: " + e.getMessage(), e);
        }
    }

    /** Forgets every share (the positions start again at 1). */
    public void clear() {
        accepted.clear();
        positions.clear();
        offered = 0;
    }

    /**
     * What is still missing, e.g. {@code need 1 more complete group (2 of 3 groups); group 2: need 2
     * more shares (1 of 3 given)}, or {@code complete}.
     */
    public static String shortfall(CeremonyStatus status) {
        if (status.isComplete()) {
            return "complete";
        }
        List<String> parts = new ArrayList<>();
        if (status.groupThreshold() > 1) {
            parts.add(status.remaining());
        }
        for (CeremonyStatus.GroupStatus g : status.groups()) {
            if (!g.complete()) {
                parts.add("group " + (g.groupIndex() + 1) + ": need " + g.missing() + " more share"
                        + (g.missing() == 1 ? "" : "s") + " (" + g.sharesGiven() + " of " + g.memberThreshold() + " given)");
            }
        }
        return String.join("; ", parts);
    }
}
