package io.countersign.app.cli;

/** Counted nouns in messages: "1 signature", "2 signatures". */
final class Plural {
    private Plural() {
    }

    /**
     * @param noun the singular; the plural adds "s"
     * @return {@code n} and the noun, singular for exactly 1
     */
    static String of(long n, String noun) {
        return n + " " + (n == 1 ? noun : noun + "s");
    }
}
