package io.countersign.app.console.queue;

import io.countersign.app.console.ConsoleSession;
import io.countersign.app.session.RequestQueue;
import io.countersign.app.session.SafeExecutor;
import io.countersign.app.session.SafeSigningSession;
import io.countersign.app.session.SessionListener;
import io.countersign.eth.Hex;
import io.countersign.eth.Signer;
import io.countersign.multisig.SignatureMethod;
import java.util.Optional;
import java.util.function.BiFunction;
import javafx.application.Platform;
import javafx.concurrent.Task;
import javafx.scene.control.Alert;
import javafx.scene.control.TableView;

/**
 * The queue's behaviour: loading the folder, and signing or executing the selected request in a
 * background {@link Task} while a "Confirm on your device" window says what the device shows.
 * Every step runs through the same session classes as the command line.
 */
final class QueuePresenter {
    private final ConsoleSession session;
    private final TableView<RequestQueue.Entry> table;
    private Runnable onReload = () -> {};

    QueuePresenter(ConsoleSession session, TableView<RequestQueue.Entry> table) {
        this.session = session;
        this.table = table;
    }

    ConsoleSession session() {
        return session;
    }

    /** The queue as the table shows it. */
    java.util.List<RequestQueue.Entry> entries() {
        return table.getItems();
    }

    void onReload(Runnable r) {
        this.onReload = r;
    }

    void reload() {
        var selected = table.getSelectionModel().getSelectedItem();
        table.getItems().setAll(RequestQueue.load(session.context().requestsDir()));
        if (selected != null) {
            table.getItems().stream().filter(e -> e.file().equals(selected.file())).findFirst()
                    .ifPresent(e -> table.getSelectionModel().select(e));
        }
        onReload.run();
    }

    /**
     * Signs the entry's file with a signer the officer picks, then reloads. A blind method
     * ({@code eth_sign}: the device shows only the safeTxHash) first needs the officer's
     * confirmation ({@link BlindSigningDialog}), which then covers this one signing; Cancel
     * stops before any signer is picked.
     */
    void sign(RequestQueue.Entry entry, SignatureMethod method) {
        String safeTxHash = entry.request().hashes().safeTxHashHex();
        boolean blind = method == SignatureMethod.ETH_SIGN && !session.context().allowBlind();
        if (blind && !BlindSigningDialog.confirm(safeTxHash)) {
            return;
        }
        Optional<SignerDialog.Choice> picked = SignerDialog.pick(session, "Sign " + safeTxHash, method == SignatureMethod.EIP712);
        if (picked.isPresent() && picked.get() instanceof SignerDialog.QrWallet) {
            io.countersign.app.console.airgap.AirgapActions.showForQrWallet(entry.request(), entry.file(), session.context(), this::reload);
            return;
        }
        picked.ifPresent(choice ->
                run("Signing", choice, (signer, listener) -> {
                    if (blind) {
                        session.context().allowBlind(true);
                    }
                    try {
                        SafeSigningSession.Signed s = new SafeSigningSession(session.context(), listener).sign(entry.file(), signer,
                                method, safeTxHash);
                        return "Signed by " + s.signer() + " (" + s.request().signatures().size() + " of " + s.request().threshold() + ")"
                                + io.countersign.app.console.airgap.AirgapActions.answerLater(session.context(), s);
                    } finally {
                        if (blind) {
                            session.context().allowBlind(false);
                        }
                    }
                }));
    }

    /**
     * Executes the entry: the fee and gas first (checks and simulation in a task), confirmed by
     * the officer; then an executor the officer picks; then the broadcast and the receipt, with
     * the transaction hash and the chain's explorer link. Reloads after.
     */
    void execute(RequestQueue.Entry entry) {
        Task<SafeExecutor.Quote> quote = new Task<>() {
            @Override
            protected SafeExecutor.Quote call() {
                return new SafeExecutor(session.context(), SessionListener.NONE).quote(entry.file());
            }
        };
        DevicePromptWindow wait = new DevicePromptWindow("Executing");
        wait.onCancel(quote::cancel);
        wait.show("Checking the execution", "Reading the Safe and simulating execTransaction for the gas…");
        quote.setOnSucceeded(e -> {
            wait.close();
            SafeExecutor.Quote q = quote.getValue();
            var chain = entry.request().chainId();
            String symbol = io.countersign.eth.Chains.byId(chain).map(c -> c.nativeSymbol()).orElse("native");
            Alert confirm = new Alert(Alert.AlertType.CONFIRMATION, io.countersign.app.console.ConsoleText.text(
                    "Gas limit " + q.gasLimit() + "\nMax fee " + gwei(q.maxFeePerGas()) + " gwei/gas (priority "
                    + gwei(q.maxPriorityFeePerGas()) + " gwei)\nAt most " + io.countersign.eth.Erc20.toTokenUnits(q.maxCost(), 18)
                    + " " + symbol + " (" + q.maxCost() + " wei), paid by the executor you pick next"),
                    new javafx.scene.control.ButtonType("Execute", javafx.scene.control.ButtonBar.ButtonData.OK_DONE),
                    javafx.scene.control.ButtonType.CANCEL);
            confirm.setHeaderText("Execute safeTxHash " + entry.request().hashes().safeTxHashHex() + "?");
            confirm.getDialogPane().setId("execute-fee");
            confirm.getDialogPane().setMinWidth(640);
            var answer = confirm.showAndWait();
            if (answer.isEmpty() || answer.get().getButtonData() != javafx.scene.control.ButtonBar.ButtonData.OK_DONE) {
                return;
            }
            SignerDialog.pick(session, "Execute with (pays the gas)").ifPresent(choice ->
                    run("Executing", choice, (signer, listener) -> {
                        SafeExecutor.Executed done = new SafeExecutor(session.context(), listener).execute(entry.file(), signer);
                        String hash = Hex.encode(done.txHash());
                        lastExplorerLink = io.countersign.eth.Chains.byId(chain).map(c -> c.explorer() + "/tx/" + hash).orElse(null);
                        return (done.success() ? "Executed in block " : "Mined, but the Safe reported failure, in block ")
                                + done.blockNumber() + "\ntransaction " + hash;
                    }));
        });
        quote.setOnFailed(e -> {
            wait.close();
            Throwable ex = quote.getException();
            Alert a = new Alert(Alert.AlertType.ERROR, io.countersign.app.console.ConsoleText.text(
                    ex.getMessage() == null ? ex.toString() : ex.getMessage()));
            a.setHeaderText("Executing refused — nothing was broadcast");
            a.getDialogPane().setMinWidth(640);
            a.show();
        });
        Thread t = new Thread(quote, "countersign-quote");
        t.setDaemon(true);
        t.start();
    }

    /** The explorer page of the last execution's transaction, when the chain has an explorer. */
    private volatile String lastExplorerLink;

    private static String gwei(java.math.BigInteger wei) {
        return new java.math.BigDecimal(wei).movePointLeft(9).stripTrailingZeros().toPlainString();
    }

    private void run(String title, SignerDialog.Choice choice, BiFunction<Signer, SessionListener, String> work) {
        DevicePromptWindow prompt = new DevicePromptWindow(title);
        prompt.show(title, "Opening the signer…");
        SessionListener listener = new SessionListener() {
            @Override
            public void confirmOnDevice(String whatTheDeviceShows) {
                Platform.runLater(() -> prompt.show("Confirm on your device", whatTheDeviceShows));
            }

            @Override
            public void notice(String message) {
                Platform.runLater(() -> prompt.show("Note", message));
            }

            // the movements go into the same window, before the device is asked (the session simulates first)
            @Override
            public void simulated(io.countersign.multisig.SafeRequest request, io.countersign.eth.simulation.Simulation s) {
                Platform.runLater(() -> prompt.showSimulation(s.provenance(),
                        SimulationView.lines(s, request, session.context(), "sign-simulation-line-")));
            }

            @Override
            public void carriedSimulation(io.countersign.multisig.SafeRequest request,
                    io.countersign.app.session.SafeSimulations.Carried carried) {
                Platform.runLater(() -> prompt.showSimulation(carried.label(),
                        SimulationView.lines(carried.simulation(), request, session.context(), "sign-simulation-line-")));
            }

            @Override
            public String thpPairingCode(String device) {
                return ThpPairingDialog.askFromWorker(device);
            }

            @Override
            public char[] pin() {
                return PinKeypadDialog.askFromWorker();
            }
        };
        java.util.concurrent.atomic.AtomicBoolean cancelled = new java.util.concurrent.atomic.AtomicBoolean();
        lastExplorerLink = null;
        Task<String> task = new Task<>() {
            @Override
            protected String call() {
                try (Signer signer = new io.countersign.app.session.CancellableSigner(choice.open(session, listener), cancelled)) {
                    return work.apply(signer, listener);
                }
            }
        };
        // Cancel on every device wait: a signature the device still returns is dropped, nothing is written or sent
        prompt.onCancel(() -> {
            cancelled.set(true);
            task.cancel(true);
            prompt.close();
            reload();
            info(title + " cancelled", "Cancelled in the console: nothing was signed, written or broadcast."
                    + "\nIf your device still shows the request, reject it there.");
        });
        task.setOnSucceeded(e -> {
            prompt.close();
            reload();
            if (lastExplorerLink != null) {
                Alert a = new Alert(Alert.AlertType.INFORMATION, io.countersign.app.console.ConsoleText.text(task.getValue()));
                a.setHeaderText(title + " done");
                javafx.scene.control.Hyperlink link = new javafx.scene.control.Hyperlink(lastExplorerLink);
                link.setId("explorer-link");
                String url = lastExplorerLink;
                link.setOnAction(ev -> {
                    javafx.scene.input.ClipboardContent c = new javafx.scene.input.ClipboardContent();
                    c.putString(url);
                    javafx.scene.input.Clipboard.getSystemClipboard().setContent(c);
                    link.setText(url + "  (copied: paste it into a browser)");
                });
                a.getDialogPane().setContent(new javafx.scene.layout.VBox(8, new javafx.scene.control.Label(
                        io.countersign.app.console.ConsoleText.text(task.getValue())), link));
                a.getDialogPane().setMinWidth(640);
                a.show();
            } else {
                info(title + " done", task.getValue());
            }
        });
        task.setOnFailed(e -> {
            if (cancelled.get()) {
                return;
            }
            prompt.close();
            reload();
            Throwable ex = task.getException();
            Alert a = new Alert(Alert.AlertType.ERROR, io.countersign.app.console.ConsoleText.text(
                    ex.getMessage() == null ? ex.toString() : ex.getMessage()));
            a.setHeaderText(title + " refused — the request file was not changed");
            a.getDialogPane().setMinWidth(640);
            a.show();
        });
        Thread t = new Thread(task, "countersign-" + title.toLowerCase());
        t.setDaemon(true);
        t.start();
    }

    private static void info(String header, String text) {
        Alert a = new Alert(Alert.AlertType.INFORMATION, io.countersign.app.console.ConsoleText.text(text));
        a.setHeaderText(header);
        a.getDialogPane().setMinWidth(560);
        a.show();
    }
}
