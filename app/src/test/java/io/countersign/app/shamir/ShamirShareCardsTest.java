package io.countersign.app.shamir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.countersign.app.CliRunner;
import io.countersign.shamir.GroupSpec;
import io.countersign.shamir.Share;
import io.countersign.shamir.Slip39;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Share cards render: PDFBox reads back the numbered words and numbers, ZXing decodes each QR to its share. */
class ShamirShareCardsTest {
    @TempDir
    Path dir;

    @Test
    void eachCardCarriesItsNumbersTheNumberedWordsAndAQrOfTheShare() throws Exception {
        ShamirVectorSupport.Vector v = ShamirVectorSupport.vector("1. ");
        SplitResult split;
        try (SecretInput secret = SecretInput.fromHex(v.secretHex())) {
            split = ShamirCeremony.split(secret, new byte[0], 2, List.of(new GroupSpec(2, 3), new GroupSpec(1, 1)), 0, true,
                    new SecureRandom());
        }
        Path folder = dir.resolve("cards");
        List<Path> files = ShareCards.write(folder, split, "Treasury cold key");
        assertEquals(List.of("share-g1-m1.pdf", "share-g1-m2.pdf", "share-g1-m3.pdf", "share-g2-m1.pdf"),
                files.stream().map(f -> f.getFileName().toString()).toList());
        for (Path f : files) {
            assertEquals("rw-------", ShareCardsReader.permissions(f), f + " is readable by its owner only");
            assertEquals(1, ShareCardsReader.read(f).size(), f + " holds one card");
        }

        List<ShareCardsReader.Card> cards = ShareCardsReader.readFolder(folder);
        assertEquals(4, cards.size(), "one card per share");
        int[][] numbers = {{1, 1, 2, 3}, {1, 2, 2, 3}, {1, 3, 2, 3}, {2, 1, 1, 1}};
        List<Share> all = split.groups().stream().flatMap(List::stream).toList();
        for (int i = 0; i < 4; i++) {
            String text = cards.get(i).text();
            Share share = all.get(i);
            int[] n = numbers[i];
            assertTrue(text.contains("Group " + n[0] + " of 2"), text);
            assertTrue(text.contains("Member " + n[1] + " of " + n[3]), text);
            assertTrue(text.contains("This group needs " + n[2] + " of its " + n[3] + " share"), text);
            assertTrue(text.contains("Recovery needs 2 of the 2 groups"), text);
            assertTrue(text.contains("Treasury cold key"), text);
            assertTrue(text.contains(split.fingerprint().toString()), text);
            List<String> words = share.words();
            assertEquals(20, words.size());
            for (int w = 0; w < words.size(); w++) {
                Pattern numbered = Pattern.compile("(^|\\s)" + (w + 1) + "\\.\\s+" + words.get(w) + "(\\s|$)");
                assertTrue(numbered.matcher(text).find(), "word " + (w + 1) + " " + words.get(w) + " in:\n" + text);
            }
            assertEquals(share.mnemonic(), cards.get(i).qr(), "the QR holds the share");
            assertTrue(text.contains("Hand this card to its guardian only (group " + n[0] + ", member " + n[1] + ")"), text);
            for (Share other : all) {
                if (other != share) {
                    assertFalse(holdsAllWords(text, other), "card " + (i + 1) + " also holds the words of another share:\n" + text);
                }
            }
        }
        byte[] secret = Slip39.combine(List.of(cards.get(2).qr(), cards.get(0).qr(), cards.get(3).qr()), new byte[0]);
        assertEquals(v.secretHex(), HexFormat.of().formatHex(secret), "the QR codes alone recover the secret");
    }

    /** Whether every word of {@code share} appears on the card with its number. */
    static boolean holdsAllWords(String text, Share share) {
        List<String> words = share.words();
        for (int w = 0; w < words.size(); w++) {
            if (!Pattern.compile("(^|\\s)" + (w + 1) + "\\.\\s+" + words.get(w) + "(\\s|$)").matcher(text).find()) {
                return false;
            }
        }
        return true;
    }

    @Test
    void aFolderThatAlreadyHoldsACardOrAPdfFileNameIsRefusedAndNothingIsWritten() throws Exception {
        Path folder = dir.resolve("busy");
        Files.createDirectories(folder);
        Files.writeString(folder.resolve("share-g1-m2.pdf"), "an earlier card");
        CliRunner cli = new CliRunner(dir.resolve("data")).env("SECRET", "00112233445566778899aabbccddeeff");
        CliRunner.Result r = cli.run("shamir", "split", "--secret-hex-env", "SECRET", "--group", "2/3", "--iteration-exponent", "0",
                "--cards", folder.toString());
        assertEquals(1, r.code(), r::toString);
        assertTrue(r.err().contains("share-g1-m2.pdf already exists"), r::toString);
        assertEquals("an earlier card", Files.readString(folder.resolve("share-g1-m2.pdf")), "not overwritten");
        try (var list = Files.list(folder)) {
            assertEquals(1, list.count(), "no other card was written");
        }
        assertFalse(r.out().contains("share"), "no share on stdout: " + r.out());

        CliRunner.Result pdf = cli.run("shamir", "split", "--secret-hex-env", "SECRET", "--group", "2/3", "--iteration-exponent", "0",
                "--cards", dir.resolve("all-cards.pdf").toString());
        assertEquals(1, pdf.code(), pdf::toString);
        assertTrue(pdf.err().contains("one PDF per share"), pdf::toString);
        assertFalse(Files.exists(dir.resolve("all-cards.pdf")));
    }

    @Test
    void theQrCodesOfManyRandomSharesDecode() throws Exception {
        SecureRandom rng = new SecureRandom();
        for (int i = 0; i < 40; i++) {
            byte[] bytes = new byte[i % 2 == 0 ? 16 : 32];
            rng.nextBytes(bytes);
            try (SecretInput secret = SecretInput.fromHex(HexFormat.of().formatHex(bytes))) {
                Share share = ShamirCeremony.split(secret, new byte[0], 1, List.of(new GroupSpec(2, 3)), 0, true, rng)
                        .groups().getFirst().get(i % 3);
                var bitmap = new com.google.zxing.BinaryBitmap(new com.google.zxing.common.HybridBinarizer(
                        new com.google.zxing.client.j2se.BufferedImageLuminanceSource(ShareCards.qrImage(share.mnemonic()))));
                String decoded = new com.google.zxing.qrcode.QRCodeReader().decode(bitmap,
                        java.util.Map.of(com.google.zxing.DecodeHintType.PURE_BARCODE, Boolean.TRUE)).getText();
                assertEquals(share.mnemonic(), decoded);
            }
        }
    }

    @Test
    void splitWithCardsWritesThePdfAndKeepsTheWordsOffTheScreen() throws Exception {
        Path pdf = dir.resolve("cli-cards");
        CliRunner cli = new CliRunner(dir.resolve("data")).env("PHRASE",
                "legal winner thank year wave sausage worth useful legal winner thank yellow");
        CliRunner.Result r = cli.run("shamir", "split", "--bip39-env", "PHRASE", "--group", "2/3", "--iteration-exponent", "0",
                "--cards", pdf.toString());
        assertEquals(0, r.code(), r::toString);
        assertTrue(r.out().contains("3 share cards written to " + pdf), r::toString);
        for (String name : List.of("share-g1-m1.pdf", "share-g1-m2.pdf", "share-g1-m3.pdf")) {
            assertTrue(r.out().contains(name), r::toString);
            assertEquals("rw-------", ShareCardsReader.permissions(pdf.resolve(name)), name);
        }
        List<ShareCardsReader.Card> cards = ShareCardsReader.readFolder(pdf);
        assertEquals(3, cards.size());
        for (ShareCardsReader.Card c : cards) {
            assertFalse(r.out().contains(c.qr()), "the words are on the cards only");
            assertTrue(c.text().contains("These shares restore a BIP-39 phrase, not a SLIP-39 wallet on a Trezor."), c.text());
        }
        CliRunner.Result combine = cli.runWithStdin(cards.get(0).qr() + "\n" + cards.get(2).qr() + "\n", "shamir", "combine",
                "--bip39", "--json");
        assertEquals(0, combine.code(), combine::toString);
        assertEquals("legal winner thank year wave sausage worth useful legal winner thank yellow",
                combine.json().get("bip39").asString());
        assertTrue(Files.size(pdf.resolve("share-g1-m1.pdf")) > 1000);
    }
}
