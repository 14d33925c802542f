package io.countersign.shamir;

/**
 * One group of a split: {@code memberThreshold} of {@code memberCount} member shares recover
 * the group share (SLIP-0039, "Two level scheme": T<sub>i</sub> of N<sub>i</sub>).
 *
 * @param memberThreshold T, 1..memberCount
 * @param memberCount     N, 1..16; N &gt; 1 requires T &gt; 1 (checked by {@link Slip39#split})
 */
public record GroupSpec(int memberThreshold, int memberCount) {

    /**
     * Parses the CLI form "T/N", e.g. "2/3" (spaces ignored).
     *
     * @throws InvalidGroupLayoutException if the text is not two positive numbers separated by "/"
     */
    public static GroupSpec parse(String text) throws InvalidGroupLayoutException {
        String[] parts = text.strip().split("\\s*/\\s*");
        try {
            if (parts.length == 2) {
                return new GroupSpec(Integer.parseInt(parts[0].strip()), Integer.parseInt(parts[1].strip()));
            }
        } catch (NumberFormatException e) {
            // fall through to the layout error below
        }
        throw new InvalidGroupLayoutException("group \"" + text + "\" is not of the form T/N, e.g. 2/3");
    }

    @Override
    public String toString() {
        return memberThreshold + "/" + memberCount;
    }
}
