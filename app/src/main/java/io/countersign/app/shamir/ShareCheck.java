package io.countersign.app.shamir;

import io.countersign.shamir.Share;

/**
 * What happened to one share offered to a {@link ShareCollector}: accepted, an exact repeat of
 * an earlier share, or rejected with a reason that names the share by its position.
 */
public sealed interface ShareCheck {
    /** 1-based position of the share in the guardian's input. */
    int position();

    /** The share decoded, passed its checksum and agrees with the shares before it. */
    record Accepted(int position, Share share) implements ShareCheck { }

    /** The share is identical to the share at {@code sameAs}; it counts once. */
    record Repeated(int position, Share share, int sameAs) implements ShareCheck { }

    /**
     * The share was refused.
     *
     * @param share   the decoded share when only its consistency with earlier shares failed;
     *                {@code null} when it did not decode (unknown word, length, checksum, padding)
     * @param reason  e.g. {@code share 3: invalid checksum; a word is wrong, re-read the share card}
     * @param checksumFailed whether the RS1024 checksum itself failed
     */
    record Rejected(int position, Share share, String reason, boolean checksumFailed) implements ShareCheck { }
}
