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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
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

    /** Signs the entry's file with a signer the officer picks, then reloads. */
    void sign(RequestQueue.Entry entry, SignatureMethod method) {
        SignerPicker.pick(session, "Sign " + entry.request().hashes().safeTxHashHex()).ifPresent(choice ->
                run("Signing", choice, (signer, listener) -> {
                    SafeSigningSession.Signed s = new SafeSigningSession(session.context(), listener).sign(entry.file(), signer, method);
                    return "Signed by " + s.signer() + " (" + s.request().signatures().size() + " of " + s.request().threshold() + ")";
                }));
    }

    /** Executes the entry with an executor the officer picks, then reloads. */
    void execute(RequestQueue.Entry entry) {
        SignerPicker.pick(session, "Execute with (pays the gas)").ifPresent(choice ->
                run("Executing", choice, (signer, listener) -> {
                    SafeExecutor.Executed done = new SafeExecutor(session.context(), listener).execute(entry.file(), signer);
                    return (done.success() ? "Executed in block " : "Mined, but the Safe reported failure, in block ")
                            + done.blockNumber() + "\ntransaction " + Hex.encode(done.txHash());
                }));
    }

    private void run(String title, SignerPicker.Choice choice, BiFunction<Signer, SessionListener, String> work) {
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

            @Override
            public char[] pin() {
                FutureTask<Optional<char[]>> ask = new FutureTask<>(PinKeypad::ask);
                Platform.runLater(ask);
                try {
                    return ask.get().orElse(null);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return null;
                } catch (ExecutionException e) {
                    return null;
                }
            }
        };
        Task<String> task = new Task<>() {
            @Override
            protected String call() {
                try (Signer signer = choice.open(session, listener)) {
                    return work.apply(signer, listener);
                }
            }
        };
        task.setOnSucceeded(e -> {
            prompt.close();
            reload();
            info(title + " done", task.getValue());
        });
        task.setOnFailed(e -> {
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
