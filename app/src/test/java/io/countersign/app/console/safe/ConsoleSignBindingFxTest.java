package io.countersign.app.console.safe;

import static io.countersign.app.console.safe.FxSteps.awaitDialog;
import static io.countersign.app.console.safe.FxSteps.close;
import static io.countersign.app.console.safe.FxSteps.pickSigner;
import static io.countersign.app.console.safe.FxSteps.selectRow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.countersign.app.console.ConsoleSession;
import io.countersign.app.console.MainWindow;
import io.countersign.app.session.AppContext;
import io.countersign.app.session.SafeProposer;
import io.countersign.eth.Address;
import io.countersign.eth.Bip32Path;
import io.countersign.eth.Call;
import io.countersign.eth.EthTransaction;
import io.countersign.eth.Signature;
import io.countersign.eth.SignedTransaction;
import io.countersign.eth.Signer;
import io.countersign.eth.SoftwareSigner;
import io.countersign.eth.TypedData;
import io.countersign.eth.devchain.Anvil;
import io.countersign.multisig.RequestFile;
import io.countersign.multisig.SafeVersion;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.DialogPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Signing in the console is bound to what the officer reviewed, and Cancel means nothing is
 * written: offline (owners from the request file), with a software key and a "held" key — a test
 * fixture that, like a device waiting for its button, answers only when the test releases it.
 */
@ExtendWith(ApplicationExtension.class)
class ConsoleSignBindingFxTest {
    static final Address SAFE = Address.parse("0x10A19e7eE7d7F8a52822f6817de8ea18204F2e4f");
    final CountDownLatch release = new CountDownLatch(1);

    /** A key that waits, as a device waits for its button, until the test releases it. */
    static final class HeldKey implements Signer {
        final Signer key;
        final CountDownLatch release;

        HeldKey(Signer key, CountDownLatch release) {
            this.key = key;
            this.release = release;
        }

        @Override
        public Address address() {
            return key.address();
        }

        @Override
        public String label() {
            return "HELD KEY (test fixture)";
        }

        @Override
        public SignedTransaction signTransaction(EthTransaction tx) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Signature signPersonalMessage(byte[] message) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Signature signTypedData(TypedData typedData) {
            try {
                release.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                // a device does not stop for the console's thread either: it answers when its button is pressed
            }
            return key.signTypedData(typedData);
        }
    }

    AppContext ctx;
    Path first;
    Path second;

    static Signer key(int i) {
        return SoftwareSigner.fromMnemonic(Anvil.MNEMONIC, "", Bip32Path.parse("m/44'/60'/0'/0/" + i), "key " + i);
    }

    @Start
    void start(Stage stage) throws Exception {
        ctx = new AppContext(Files.createTempDirectory("countersign-binding-"), true, null, true, Map.of());
        List<Signer> keys = List.of(key(1), key(2), key(3));
        SafeProposer.SafeFacts facts = new SafeProposer.SafeFacts(BigInteger.ONE, SAFE, SafeVersion.V1_4_1,
                keys.stream().map(Signer::address).toList(), 2, BigInteger.ZERO);
        SafeProposer proposer = new SafeProposer(ctx);
        first = proposer.propose(facts, Call.of(Address.parse("0x1111111111111111111111111111111111111111"), BigInteger.ONE, new byte[0]),
                BigInteger.ZERO, "Reviewed payment", null);
        second = proposer.propose(facts, Call.of(Address.parse("0x2222222222222222222222222222222222222222"), BigInteger.TEN, new byte[0]),
                BigInteger.ONE, "Another payment", null);
        MainWindow.show(stage, new ConsoleSession(ctx, List.of(keys.get(0), new HeldKey(keys.get(1), release))));
        stage.setWidth(1280);
        stage.setHeight(800);
    }

    @AfterEach
    void stop() {
        release.countDown();
        ctx.close();
    }

    @Test
    void aFileChangedOnDiskSinceReviewIsNotSigned(FxRobot robot) throws Exception {
        selectRow(robot, "Reviewed payment");
        // someone replaces the file while the officer reads it
        String replaced = Files.readString(second);
        Files.writeString(first, replaced);
        robot.clickOn("#sign-button");
        pickSigner(robot, 0);
        DialogPane refused = awaitDialog(robot, "Signing refused", "Signing done");
        assertTrue(refused.getContentText().contains("changed on disk since you reviewed it"), refused.getContentText());
        close(robot, refused);
        assertEquals(replaced, Files.readString(first), "nothing was written");
        assertEquals(0, RequestFile.read(first).signatures().size());
    }

    @Test
    void cancelOnTheDeviceWaitWritesNothingEvenWhenTheDeviceAnswersLater(FxRobot robot) throws Exception {
        selectRow(robot, "Reviewed payment");
        String before = Files.readString(first);
        robot.clickOn("#sign-button");
        pickSigner(robot, 1);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> robot.lookup("#device-cancel").tryQuery().map(FxSteps::showing).orElse(false));
        robot.clickOn("#device-cancel");
        DialogPane cancelled = awaitDialog(robot, "Signing cancelled", "Signing done", "Signing refused");
        close(robot, cancelled);
        release.countDown(); // the device answers after all
        // the signing thread ends once the late answer was handled: join it, then look at the file
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().equals("countersign-signing")) {
                t.join(30_000);
            }
        }
        assertEquals(before, Files.readString(first), "nothing was written after Cancel");
        assertEquals(0, RequestFile.read(first).signatures().size());
    }
}
