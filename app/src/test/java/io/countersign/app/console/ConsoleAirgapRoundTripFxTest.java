package io.countersign.app.console;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sparrowwallet.hummingbird.UR;
import io.countersign.airgap.AirgapCode;
import io.countersign.airgap.EthSignRequest;
import io.countersign.airgap.EthSignatureCode;
import io.countersign.airgap.QrImages;
import io.countersign.airgap.RequestIds;
import io.countersign.airgap.SafeTxSignData;
import io.countersign.airgap.UrParts;
import io.countersign.app.demo.DemoEnvironment;
import io.countersign.app.session.AppContext;
import io.countersign.eth.Address;
import io.countersign.eth.Bip32Path;
import io.countersign.eth.Signer;
import io.countersign.eth.SoftwareSigner;
import io.countersign.eth.devchain.Anvil;
import io.countersign.eth.testing.TestPaths;
import io.countersign.journal.EntryKind;
import io.countersign.journal.JournalEntry;
import io.countersign.multisig.RequestFile;
import io.countersign.multisig.SafeHasher;
import io.countersign.multisig.SafeRequest;
import io.countersign.multisig.SafeState;
import java.awt.image.BufferedImage;
import java.io.File;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelReader;
import javafx.stage.Stage;
import javafx.stage.Window;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The air gap between two consoles, driven by clicks and typing (docs/airgap.md, "Console"):
 * an online console (the demo chain) and an offline one (its own data folder, {@code --offline}).
 * The online console shows a request as an animated QR code; the frames captured from the screen
 * are saved as image files and scanned by the offline console into its queue; the offline officer
 * signs it from the ordinary Sign dialog with a demo key; the offline console's answer code is
 * captured from the screen and scanned back by the online console; the request executes on anvil.
 * And the "QR wallet" signer choice: the eth-sign-request on screen is read by ZXing, the wallet's
 * answer scanned; a code for another request and a non-owner's signature are refused with the
 * request file unchanged. Screenshots go to target/screenshots/.
 */
@ExtendWith(ApplicationExtension.class)
class ConsoleAirgapRoundTripFxTest {
    static final String VENDOR_REQUEST = "Pay vendor invoice #1042 (1.5 ETH)";
    static final Address VENDOR = Address.parse("0x000000000000000000000000000000000000dEaD");
    DemoEnvironment demo;
    AppContext offline;
    Stage stage;

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        demo = DemoEnvironment.start(TestPaths.testchain().resolve("node_modules"), Files.createTempDirectory("countersign-online-"), Map.of());
        offline = new AppContext(Files.createTempDirectory("countersign-offline-"), true, null, true, Map.of());
        showConsole(demo.context());
    }

    @AfterEach
    void stop() {
        offline.close();
        demo.close();
    }

    /** Opens the main window of a console on {@code ctx} in the shared stage (the other machine's window goes away). */
    void showConsole(AppContext ctx) {
        MainWindow.show(stage, new ConsoleSession(ctx, demo.signers()));
        stage.setWidth(1360);
        stage.setHeight(860);
    }

    Path request(AppContext ctx, String description) throws Exception {
        try (Stream<Path> s = Files.list(ctx.requestsDir())) {
            for (Path p : s.filter(f -> f.toString().endsWith(".json")).toList()) {
                if (RequestFile.read(p).description().equals(description)) {
                    return p;
                }
            }
        }
        throw new AssertionError("no request '" + description + "' in " + ctx.requestsDir());
    }

    void select(FxRobot robot, String description) {
        TableCell<?, ?> row = robot.lookup(".table-cell").match((TableCell<?, ?> c) -> description.equals(c.getText())).query();
        robot.clickOn((javafx.scene.Node) row);
        WaitForAsyncUtils.waitForFxEvents();
    }

    static boolean showing(DialogPane p) {
        return p.getScene() != null && p.getScene().getWindow() != null && p.getScene().getWindow().isShowing();
    }

    DialogPane awaitDialog(FxRobot robot, String headerStart) throws Exception {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> robot.lookup(".dialog-pane").match((DialogPane p) -> showing(p)
                && p.getHeaderText() != null && (p.getHeaderText().startsWith(headerStart) || p.getHeaderText().contains("refused"))).tryQuery().isPresent());
        DialogPane pane = robot.lookup(".dialog-pane").match((DialogPane p) -> showing(p) && p.getHeaderText() != null
                && (p.getHeaderText().startsWith(headerStart) || p.getHeaderText().contains("refused"))).query();
        assertTrue(pane.getHeaderText().startsWith(headerStart), pane.getHeaderText() + ": " + pane.getContentText());
        return pane;
    }

    void close(FxRobot robot, DialogPane pane) {
        robot.interact(() -> pane.getScene().getWindow().hide());
    }

    /** Chooses {@code item} in the signer picker (a ChoiceDialog) and presses OK. */
    void pick(FxRobot robot, String itemStart) throws Exception {
        pick(robot, itemStart, null);
    }

    /** As {@link #pick(FxRobot, String)}, saving a screenshot of the dialog with the choice made when {@code screenshot} is given. */
    void pick(FxRobot robot, String itemStart, String screenshot) throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        @SuppressWarnings("unchecked")
        ComboBox<String> box = robot.lookup(".combo-box").queryAs(ComboBox.class);
        String item = box.getItems().stream().filter(i -> i.startsWith(itemStart)).findFirst().orElseThrow(() -> new AssertionError(box.getItems().toString()));
        robot.interact(() -> box.getSelectionModel().select(item));
        if (screenshot != null) {
            WaitForAsyncUtils.waitForFxEvents();
            screenshot(robot, box.getScene().getWindow(), screenshot);
        }
        robot.clickOn(robot.lookup(".dialog-pane .button").match((Button b) -> "OK".equals(b.getText())).queryButton());
    }

    Stage window(FxRobot robot, String titleStart) throws Exception {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> robot.listWindows().stream()
                .anyMatch(w -> w instanceof Stage s && s.isShowing() && s.getTitle() != null && s.getTitle().startsWith(titleStart)));
        return (Stage) robot.listWindows().stream().filter(w -> w instanceof Stage s && s.isShowing() && s.getTitle() != null
                && s.getTitle().startsWith(titleStart)).findFirst().orElseThrow();
    }

    static BufferedImage toAwt(Image fx) {
        int w = (int) fx.getWidth();
        int h = (int) fx.getHeight();
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        PixelReader r = fx.getPixelReader();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                out.setRGB(x, y, r.getArgb(x, y));
            }
        }
        return out;
    }

    static void screenshot(FxRobot robot, Window w, String name) throws Exception {
        Path dir = Path.of("target", "screenshots");
        Files.createDirectories(dir);
        ImageIO.write(toAwt(robot.capture(w.getScene().getRoot()).getImage()), "png", dir.resolve(name).toFile());
    }

    /**
     * Captures the QR window's code from the screen until the frames read (ZXing) assemble the
     * whole code; each screen capture that showed a new frame is saved as a PNG in {@code dir}.
     */
    List<Path> captureFrames(FxRobot robot, Stage qr, Path dir) throws Exception {
        ImageView view = robot.from(qr.getScene().getRoot()).lookup("#qr-image").queryAs(ImageView.class);
        UrParts.Assembler assembler = new UrParts.Assembler();
        Set<String> seen = new LinkedHashSet<>();
        List<Path> files = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!assembler.complete() && System.nanoTime() < deadline) {
            BufferedImage shot = toAwt(robot.capture(view).getImage());
            for (String t : QrImages.read(shot)) {
                if (seen.add(t)) {
                    assembler.add(t, "screen frame " + seen.size());
                    Path f = dir.resolve(files.size() + 1 + ".png");
                    ImageIO.write(shot, "png", f.toFile());
                    files.add(f);
                }
            }
            Thread.sleep(100);
        }
        assertTrue(assembler.complete(), "read " + seen.size() + " distinct frames from the screen");
        return files;
    }

    UR assemble(List<Path> frames) {
        UrParts.Assembler a = new UrParts.Assembler();
        for (Path f : frames) {
            for (String t : QrImages.read(f)) {
                a.add(t, f.toString());
            }
        }
        assertTrue(a.complete());
        return a.result();
    }

    /** Scans image files in the open scan dialog: types their paths and presses Read code. */
    void scanImages(FxRobot robot, List<Path> images) {
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(robot.lookup("#scan-camera").queryAs(Label.class).getText().startsWith("No camera"));
        robot.clickOn("#scan-image-path").write(String.join(File.pathSeparator, images.stream().map(Path::toString).toList()));
        robot.clickOn("#scan-read");
    }

    static List<JournalEntry> journal(AppContext ctx, EntryKind kind) {
        return ctx.journal().since(kind, Instant.EPOCH);
    }

    @Test
    void aRequestCrossesToTheOfflineConsoleAsQrIsSignedThereAndItsAnswerCodeIsMergedAndExecuted(FxRobot robot) throws Exception {
        BigInteger before = demo.anvil().rpc().balance(VENDOR);
        Path onlineFile = request(demo.context(), VENDOR_REQUEST);
        SafeRequest original = RequestFile.read(onlineFile);

        // online: the first owner signs as usual, then the request is shown as QR and captured from the screen
        select(robot, VENDOR_REQUEST);
        robot.clickOn("#sign-button");
        pick(robot, demo.signers().get(0).label());
        close(robot, awaitDialog(robot, "Signing done"));
        robot.clickOn("#show-qr-button");
        Stage qr = window(robot, "Request as QR");
        Path frames = Files.createTempDirectory("qf");
        List<Path> requestFrames = captureFrames(robot, qr, frames);
        assertTrue(requestFrames.size() > 1, "a multi-part code: " + requestFrames.size() + " frames");
        robot.interact(qr::close);
        assertEquals(1, journal(demo.context(), EntryKind.EXPORT).size());
        assertEquals("countersign", journal(demo.context(), EntryKind.EXPORT).getFirst().payload().path("format").asText());

        // offline: scan the captured frames into the queue
        robot.interact(() -> showConsole(offline));
        assertTrue(robot.lookup("#status-line").queryAs(Label.class).getText().startsWith("AIR-GAPPED"));
        robot.clickOn("#scan-request-button");
        scanImages(robot, requestFrames);
        DialogPane scanned = awaitDialog(robot, "Request scanned into the queue");
        String said = scanned.getContentText();
        assertTrue(said.contains(original.hashes().safeTxHashHex()), said);
        assertTrue(said.contains("Not checkable offline"), said);
        screenshot(robot, scanned.getScene().getWindow(), "qr-offline-scanned.png");
        close(robot, scanned);
        Path offlineFile = request(offline, VENDOR_REQUEST);
        assertEquals(original.hashes().safeTxHashHex(), RequestFile.read(offlineFile).hashes().safeTxHashHex());
        assertEquals(1, RequestFile.read(offlineFile).signatures().size(), "the online signature came across with the request");
        JournalEntry scanEntry = journal(offline, EntryKind.REQUEST).getFirst();
        assertEquals("qr", scanEntry.payload().path("source").asText());
        assertEquals("countersign", scanEntry.payload().path("format").asText());

        // offline: sign from the ordinary Sign dialog with the second demo key; the answer appears as a code
        select(robot, VENDOR_REQUEST);
        screenshot(robot, stage, "qr-offline-console.png");
        robot.clickOn("#sign-button");
        pick(robot, demo.signers().get(1).label());
        close(robot, awaitDialog(robot, "Signing done"));
        Stage answer = window(robot, "Signature code");
        screenshot(robot, answer, "qr-offline-answer.png");
        Path answerDir = Files.createTempDirectory("qa");
        List<Path> answerFrames = captureFrames(robot, answer, answerDir);
        robot.interact(answer::close);
        EthSignatureCode code = ((AirgapCode.Signature) AirgapCode.of(assemble(answerFrames))).signature();
        assertArrayEquals(RequestIds.forSafeTxHash(original.hashes().safeTxHash()), code.requestId());
        List<JournalEntry> exported = journal(offline, EntryKind.EXPORT);
        assertEquals(1, exported.size());
        assertEquals("eth-signature", exported.getFirst().payload().path("format").asText());
        assertEquals(demo.signers().get(1).address().toString(), exported.getFirst().payload().path("signer").asText());

        // online again: scan the answer code, then execute
        robot.interact(() -> showConsole(demo.context()));
        select(robot, VENDOR_REQUEST);
        robot.clickOn("#scan-signature-button");
        scanImages(robot, answerFrames);
        DialogPane added = awaitDialog(robot, "Signature added");
        assertTrue(added.getContentText().contains("matched by request-id"), added.getContentText());
        close(robot, added);
        assertEquals(List.of(demo.signers().get(0).address(), demo.signers().get(1).address()).stream().sorted().toList(),
                RequestFile.read(onlineFile).signers().stream().sorted().toList());
        JournalEntry collected = journal(demo.context(), EntryKind.COLLECT).getFirst();
        assertEquals(demo.signers().get(1).address().toString(), collected.payload().path("signer").asText());
        assertEquals("request-id", collected.payload().path("matchedBy").asText());

        select(robot, VENDOR_REQUEST);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !robot.lookup("#execute-button").queryButton().isDisabled());
        robot.clickOn("#execute-button");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> robot.lookup("#execute-fee").match((DialogPane p) -> showing(p)).tryQuery().isPresent());
        DialogPane fee = robot.lookup("#execute-fee").match((DialogPane p) -> showing(p)).query();
        robot.clickOn(robot.from(fee).lookup(".button").match((Button b) -> "Execute".equals(b.getText())).queryButton());
        pick(robot, demo.signers().get(0).label());
        close(robot, awaitDialog(robot, "Executing done"));
        assertEquals(before.add(new BigInteger("1500000000000000000")), demo.anvil().rpc().balance(VENDOR));
        assertEquals(BigInteger.ONE, SafeState.read(demo.anvil().rpc(), demo.safe()).nonce());
    }

    @Test
    void theQrWalletSignerShowsAnEthSignRequestAndTakesOnlyThisRequestsOwnersSignatures(FxRobot robot) throws Exception {
        Path file = request(demo.context(), VENDOR_REQUEST);
        SafeRequest r = RequestFile.read(file);
        byte[] original = Files.readAllBytes(file);
        select(robot, VENDOR_REQUEST);
        robot.clickOn("#sign-button");
        pick(robot, "QR wallet (Keystone, AirGap, offline Countersign)", "qr-signer-picker.png");
        Stage wallet = window(robot, "Sign with a QR wallet");
        Path dir = Files.createTempDirectory("qw");
        UR onScreen = assemble(captureFrames(robot, wallet, dir));
        screenshot(robot, wallet, "qr-wallet-request.png");
        EthSignRequest shown = ((AirgapCode.SignRequest) AirgapCode.of(onScreen)).request();
        assertEquals(EthSignRequest.DataType.TYPED_DATA, shown.dataType());
        SafeTxSignData.Parsed parsed = SafeTxSignData.parse(shown.signData(), shown.chainId());
        assertArrayEquals(r.hashes().safeTxHash(), parsed.safeTxHash());
        JournalEntry export = journal(demo.context(), EntryKind.EXPORT).getFirst();
        assertEquals("eth-sign-request", export.payload().path("format").asText());
        assertEquals(RequestIds.format(shown.requestId()), export.payload().path("requestId").asText());

        // a code for another request: an owner's signature of the payroll request, with the payroll's id
        SafeRequest payroll = RequestFile.read(request(demo.context(), "Monthly payroll batch (3 payments)"));
        Signer owner = demo.signers().get(2);
        Path other = dir.resolve("other.png");
        QrImages.writePng(UrParts.encode(new EthSignatureCode(RequestIds.forSafeTxHash(payroll.hashes().safeTxHash()),
                sign(owner, payroll), "test wallet").toUr()).getFirst(), 6, other);
        refused(robot, wallet, other, "for another request");
        assertArrayEquals(original, Files.readAllBytes(file), "the request file is byte for byte unchanged");

        // a signature by a non-owner, with this request's id
        Signer stranger = SoftwareSigner.fromMnemonic(Anvil.MNEMONIC, "", Bip32Path.parse("m/44'/60'/0'/0/7"), "not an owner");
        Path nonOwner = dir.resolve("stranger.png");
        QrImages.writePng(UrParts.encode(new EthSignatureCode(shown.requestId(), sign(stranger, r), "test wallet").toUr()).getFirst(), 6, nonOwner);
        refused(robot, wallet, nonOwner, "not an owner");
        assertArrayEquals(original, Files.readAllBytes(file), "the request file is byte for byte unchanged");
        assertEquals(0, journal(demo.context(), EntryKind.COLLECT).size());

        // the wallet's answer: the owner signs the typed data the code carries
        Path good = dir.resolve("answer.png");
        byte[] rsv = owner.signTypedData(SafeHasher.typedData(parsed.chainId(), parsed.safe(), r.safeVersion(), parsed.tx())).normalizeV().toBytes();
        QrImages.writePng(UrParts.encode(new EthSignatureCode(shown.requestId(), rsv, "test wallet").toUr()).getFirst(), 6, good);
        robot.clickOn(robot.from(wallet.getScene().getRoot()).lookup("#qr-scan-answer").queryButton());
        scanImages(robot, List.of(good));
        DialogPane added = awaitDialog(robot, "Signature added");
        assertTrue(added.getContentText().contains("matched by request-id"), added.getContentText());
        close(robot, added);
        assertEquals(List.of(owner.address()), RequestFile.read(file).signers());
        assertEquals(owner.address().toString(), journal(demo.context(), EntryKind.COLLECT).getFirst().payload().path("signer").asText());
        robot.interact(wallet::close);
    }

    static byte[] sign(Signer s, SafeRequest r) {
        return s.signTypedData(SafeHasher.typedData(r.chainId(), r.safe(), r.safeVersion(), r.tx())).normalizeV().toBytes();
    }

    void refused(FxRobot robot, Stage wallet, Path png, String reason) throws Exception {
        robot.clickOn(robot.from(wallet.getScene().getRoot()).lookup("#qr-scan-answer").queryButton());
        scanImages(robot, List.of(png));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> robot.lookup(".dialog-pane").match((DialogPane p) -> showing(p)
                && "Signature refused".equals(p.getHeaderText())).tryQuery().isPresent());
        DialogPane pane = robot.lookup(".dialog-pane").match((DialogPane p) -> showing(p) && "Signature refused".equals(p.getHeaderText())).query();
        assertTrue(pane.getContentText().contains(reason), pane.getContentText());
        assertTrue(pane.getContentText().contains("The request file is unchanged"), pane.getContentText());
        close(robot, pane);
    }
}
