package io.countersign.app.console.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.countersign.app.console.ConsoleSession;
import io.countersign.app.console.Screens;
import io.countersign.app.session.AppContext;
import io.countersign.app.session.PolicyAdmin;
import io.countersign.eth.Address;
import io.countersign.eth.Bip32Path;
import io.countersign.eth.Call;
import io.countersign.eth.SoftwareSigner;
import io.countersign.eth.devchain.Anvil;
import io.countersign.journal.EntryKind;
import io.countersign.multisig.RequestFile;
import io.countersign.multisig.SafeRequest;
import io.countersign.multisig.SafeTx;
import io.countersign.multisig.SafeVersion;
import io.countersign.policy.Reason;
import io.countersign.policy.SignedBundle;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The Policy screen in a real window, driven by clicks and typing: a draft with a bad amount shows
 * the error on the line it names, is corrected by typing over that line, signed by one demo admin
 * key in the console and by a co-admin's signature file, installed after the first-install warning
 * lists the admin addresses; then a request over the daily limit is checked and its deny reason
 * shown for its leg.
 */
@ExtendWith(ApplicationExtension.class)
class PolicyViewFxTest {
    static final Address SAFE = Address.parse("0xEf74c0473590c8418897F6748a2dD43677d1153D");
    static final List<Address> OWNERS = List.of(Address.parse("0x70997970C51812dc3A010C7d01b50e0d17dc79C8"),
            Address.parse("0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC"));

    Path dir;
    AppContext ctx;
    SoftwareSigner admin1;
    SoftwareSigner admin2;
    SoftwareSigner admin3;
    final Deque<Path> toOpen = new ArrayDeque<>();
    Scene scene;

    static SoftwareSigner admin(int i) {
        return SoftwareSigner.fromMnemonic(Anvil.MNEMONIC, "", Bip32Path.parse("m/44'/60'/0'/0/" + i), "demo admin " + i);
    }

    String yaml(String perDay) {
        return "version: 1\n"
                + "name: Console treasury\n"
                + "timeZone: UTC\n"
                + "admins:\n"
                + "  threshold: 2\n"
                + "  addresses:\n"
                + "    - \"" + admin1.address() + "\"\n"
                + "    - \"" + admin2.address() + "\"\n"
                + "    - \"" + admin3.address() + "\"\n"
                + "scope:\n"
                + "  chains: [31337]\n"
                + "  safes: [\"" + SAFE + "\"]\n"
                + "rules:\n"
                + "  - id: eth-limits\n"
                + "    kind: limit\n"
                + "    asset: native\n"
                + "    perTransaction: \"10\"\n"
                + "    perDay: " + perDay + "\n";
    }

    @Start
    void start(Stage stage) throws Exception {
        dir = Files.createTempDirectory("countersign-policy-view-");
        admin1 = admin(10);
        admin2 = admin(11);
        admin3 = admin(12);
        ctx = new AppContext(dir.resolve("data"), true, null, false, Map.of());
        var files = new PolicyView.Files2(title -> Optional.ofNullable(toOpen.poll()), title -> Optional.empty());
        scene = new Scene(new javafx.scene.layout.StackPane(PolicyView.create(new ConsoleSession(ctx, List.of(admin1, admin2)),
                files)), 1300, 800);
        scene.getStylesheets().add(io.countersign.app.console.MainWindow.class.getResource("main.css").toExternalForm());
        stage.setScene(scene);
        stage.sizeToScene();
        stage.show();
    }

    @AfterEach
    void close() {
        ctx.close();
    }

    @Test
    void aDraftIsCorrectedOnTheLineItsErrorNamesSignedByTwoAdminsInstalledAndARequestChecked(FxRobot robot) throws Exception {
        String bad = yaml("eight");
        Path draft = dir.resolve("treasury.yaml");
        Files.writeString(draft, bad);
        int perDayLine = List.of(bad.split("\n")).indexOf("    perDay: eight") + 1;
        assertTrue(perDayLine > 10);

        robot.clickOn("#policy-draft-tab");
        toOpen.add(draft);
        robot.clickOn("#policy-open-draft");
        Label status = robot.lookup("#policy-draft-status").queryAs(Label.class);
        assertTrue(status.getText().startsWith("Line " + perDayLine + ": "), status.getText());
        assertTrue(status.getText().contains("perDay"), status.getText());
        TextArea editor = robot.lookup("#policy-draft").queryAs(TextArea.class);
        assertEquals("    perDay: eight", editor.getSelectedText(), "the line the error names is selected");
        robot.interact(editor::requestFocus);
        robot.write("    perDay: \"8\"");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(yaml("\"8\""), editor.getText());
        assertTrue(status.getText().startsWith("Draft v1 parses"), status.getText());
        String hash = robot.lookup("#policy-draft-hash").queryAs(TextField.class).getText();
        assertEquals(SignedBundle.hashOf(yaml("\"8\"")), hash);
        assertEquals(66, hash.length());

        // admin 1 signs in this console
        robot.clickOn("#policy-signer");
        robot.clickOn(robot.lookup(".list-cell").match((javafx.scene.control.ListCell<?> c) -> c.getText() != null
                && c.getText().endsWith(admin1.address().toString())).queryAs(javafx.scene.control.ListCell.class));
        robot.clickOn("#policy-sign");
        DialogPane confirm = robot.lookup(".dialog-pane").queryAs(DialogPane.class);
        assertTrue(confirm.getContentText().contains(hash), confirm.getContentText());
        robot.clickOn(robot.lookup(".dialog-pane .button").match((javafx.scene.control.Button b) -> "OK".equals(b.getText()))
                .queryAs(javafx.scene.control.Button.class));
        Label adminStatus = robot.lookup("#policy-admin-status").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> adminStatus.getText().startsWith("Signed by"));
        assertTrue(Files.exists(Path.of(draft + ".bundle.json")));

        // admin 2 signed the same draft on another workstation and sends the file
        Path coAdmin = dir.resolve("co-admin.bundle.json");
        try (AppContext other = new AppContext(dir.resolve("other"), true, null, false, Map.of())) {
            new PolicyAdmin(other).sign(SignedBundle.unsigned(yaml("\"8\"")), admin2, coAdmin, "treasury.yaml");
        }
        toOpen.add(coAdmin);
        robot.clickOn("#policy-add-signature");
        @SuppressWarnings("unchecked")
        ListView<String> sigs = robot.lookup("#policy-signatures").queryAs(ListView.class);
        assertEquals(List.of(admin1.address().toString(), admin2.address().toString()), sigs.getItems());

        robot.clickOn("#policy-install");
        DialogPane warning = robot.lookup("#policy-install-confirm").queryAs(DialogPane.class);
        assertTrue(warning.getContentText().startsWith("FIRST INSTALL"), warning.getContentText());
        for (SoftwareSigner a : List.of(admin1, admin2, admin3)) {
            assertTrue(warning.getContentText().contains(a.address().toString()), "lists " + a.address());
        }
        robot.interact(() -> Screens.png(warning, "policy-first-install-light"));
        robot.clickOn(robot.lookup("#policy-install-confirm .button").match((javafx.scene.control.Button b) -> "OK".equals(b.getText()))
                .queryAs(javafx.scene.control.Button.class));
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(adminStatus.getText().startsWith("Installed policy v1"), adminStatus.getText());
        assertEquals(1, ctx.journal().since(EntryKind.POLICY_INSTALL, Instant.EPOCH).size());
        assertEquals("v1 — Console treasury", robot.lookup("#policy-version").queryAs(TextField.class).getText());
        assertEquals(hash, robot.lookup("#policy-bundle-hash").queryAs(TextField.class).getText());
        @SuppressWarnings("unchecked")
        TableView<io.countersign.policy.Rule> rules = robot.lookup("#policy-rules").queryAs(TableView.class);
        assertEquals(1, rules.getItems().size());
        assertEquals("spend of native: at most 10 native per request, at most 8 native per 24 h",
                PolicyView.describe(io.countersign.policy.PolicyParser.parse(yaml("\"8\"")), rules.getItems().getFirst()));

        // a 9 ETH request: within the per-request cap, over the day's
        SafeRequest request = new SafeRequest(BigInteger.valueOf(31337), SAFE, SafeVersion.V1_4_1,
                SafeTx.of(Call.of(Address.parse("0x00000000000000000000000000000000000acc01"), BigInteger.TEN.pow(18)
                        .multiply(BigInteger.valueOf(9)), new byte[0]), BigInteger.ZERO), OWNERS, 2, List.of(),
                new tools.jackson.databind.ObjectMapper().createObjectNode().put("description", "nine"));
        RequestFile.write(request, ctx.requestsDir().resolve("nine.json"));
        robot.clickOn("#policy-check-tab");
        toOpen.add(ctx.requestsDir().resolve("nine.json"));
        robot.clickOn("Open request…");
        robot.clickOn("#policy-check");
        Label decision = robot.lookup("#policy-decision").queryAs(Label.class);
        assertTrue(decision.getText().startsWith("Decision: deny (policy v1"), decision.getText());
        @SuppressWarnings("unchecked")
        TableView<Reason> reasons = robot.lookup("#policy-reasons").queryAs(TableView.class);
        Reason deny = reasons.getItems().stream().filter(r -> r.outcome() == Reason.Outcome.DENY).findFirst().orElseThrow();
        assertEquals("eth-limits", deny.ruleId());
        assertTrue(deny.message().contains("8"), deny.message());
        robot.interact(() -> Screens.png(scene.getRoot(), "policy-check-light"));
    }
}
