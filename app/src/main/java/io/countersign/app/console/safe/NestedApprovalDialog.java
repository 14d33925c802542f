package io.countersign.app.console.safe;

import io.countersign.app.console.ConsoleSession;
import io.countersign.app.session.NestedApproval;
import io.countersign.app.session.RequestQueue;
import io.countersign.app.session.SafeProposer;
import io.countersign.eth.Address;
import io.countersign.multisig.RequestFile;
import io.countersign.multisig.SafeRequest;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.List;
import javafx.concurrent.Task;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.stage.Window;

/**
 * A request's "Approve via parent Safe…": an owner of the request's Safe (the child) that is
 * itself a Safe (the parent) approves it by a request on the parent that calls
 * {@code approveHash(safeTxHash)} on the child, written into the queue by
 * {@link NestedApproval#propose} as {@code safe approve --via-safe} does. The parent's request is
 * then signed and executed like any other; the child's execution (and its fee quote) then counts
 * the parent's approved-hash signature, which the chain is asked for first.
 *
 * <p>Online only here: the parent Safe's owners, threshold and nonce are read from the node (the
 * command line takes them as options offline).
 */
public final class NestedApprovalDialog {
    private NestedApprovalDialog() {}

    /** Asks for the parent Safe, its nonce and a description, then writes the parent's request in a task. */
    public static void open(Window owner, ConsoleSession session, Path childFile, Runnable reload) {
        SafeRequest child;
        try {
            child = RequestFile.read(childFile);
        } catch (RuntimeException e) {
            ExchangeActions.error(owner, "Approval refused — nothing was written", e.getMessage());
            return;
        }
        Dialog<ButtonType> dialog = new Dialog<>();
        if (owner != null) {
            dialog.initOwner(owner);
        }
        dialog.setTitle("Approve via parent Safe");
        dialog.setHeaderText("Approve safeTxHash " + child.hashes().safeTxHashHex() + "\non Safe " + child.safe()
                + " through a Safe that owns it");
        TextField parent = new TextField();
        parent.setId("approve-parent");
        parent.setPromptText("0x… the parent Safe (an owner of " + child.safe() + ")");
        parent.setPrefColumnCount(42);
        TextField nonce = new TextField();
        nonce.setId("approve-nonce");
        nonce.setPromptText("next free");
        TextField description = new TextField();
        description.setId("approve-description");
        description.setPromptText("shown in the queue");
        GridPane grid = new GridPane(8, 6);
        grid.addRow(0, new Label("Parent Safe"), parent);
        grid.addRow(1, new Label("Parent's nonce"), nonce);
        grid.addRow(2, new Label("Description"), description);
        Label note = new Label("Writes a request on the parent Safe that calls approveHash with the safeTxHash above on this "
                + "request's Safe. Once the parent has executed it, this request's execution counts the parent's approval.");
        note.setWrapText(true);
        note.setMaxWidth(620);
        grid.add(note, 0, 3, 2, 1);
        dialog.getDialogPane().setContent(grid);
        ButtonType write = new ButtonType("Write the parent's request", ButtonBar.ButtonData.OK_DONE);
        dialog.getDialogPane().getButtonTypes().addAll(write, ButtonType.CANCEL);
        dialog.getDialogPane().lookupButton(write).setId("approve-write");
        dialog.getDialogPane().setId("approve-via-parent");
        if (dialog.showAndWait().filter(write::equals).isEmpty()) {
            return;
        }
        String parentText = parent.getText().trim();
        String nonceText = nonce.getText().trim();
        String descriptionText = description.getText().trim();
        Task<Path> task = new Task<>() {
            @Override
            protected Path call() {
                var ctx = session.context();
                if (ctx.rpcIfOnline().isEmpty()) {
                    throw new IllegalStateException("the parent Safe's owners, threshold and nonce are read from the node, and the console "
                            + "is offline: connect, or use safe approve --via-safe with --owners, --threshold and --safe-version");
                }
                Address parentSafe = Address.parse(parentText, "parent Safe");
                BigInteger n = nonceText.isEmpty() ? null : new BigInteger(nonceText);
                SafeProposer.SafeFacts facts = new SafeProposer(ctx).facts(parentSafe);
                return NestedApproval.propose(ctx, child, childFile, facts, n, descriptionText, null);
            }
        };
        task.setOnSucceeded(e -> {
            reload.run();
            SafeRequest r = RequestFile.read(task.getValue());
            ExchangeActions.info(owner, "Parent request saved", "Safe " + r.safe() + " calls approveHash(" + child.hashes().safeTxHashHex()
                    + ") on " + child.safe() + "\nsafeTxHash " + r.hashes().safeTxHashHex() + "\nnonce " + r.tx().nonce()
                    + ", needs " + r.threshold() + " of " + r.owners().size() + " of the parent's owners\nwritten to " + task.getValue());
        });
        task.setOnFailed(e -> ExchangeActions.error(owner, "Approval refused — nothing was written",
                String.valueOf(task.getException().getMessage())));
        Thread t = new Thread(task, "countersign-approve-via");
        t.setDaemon(true);
        t.start();
    }

    /**
     * Whether the queue holds a parent Safe's request approving {@code child} (its {@code meta}
     * names the child's safeTxHash): then the child may be executed with fewer signatures in its
     * file, and the chain says at execution whether the approval counts.
     */
    public static boolean approvalQueued(List<RequestQueue.Entry> queue, SafeRequest child) {
        String hash = child.hashes().safeTxHashHex();
        return queue.stream().anyMatch(e -> e.ok() && NestedApproval.approvedSafeTxHash(e.request()).filter(hash::equalsIgnoreCase).isPresent());
    }
}
