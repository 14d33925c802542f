package io.countersign.app.console.safe;

import io.countersign.app.console.ConsoleSession;
import io.countersign.app.console.ConsoleText;
import io.countersign.app.session.AppContext;
import io.countersign.app.session.RequestQueue;
import io.countersign.app.session.SafeProposer;
import io.countersign.eth.Address;
import io.countersign.eth.Call;
import io.countersign.eth.Erc20;
import io.countersign.eth.Hex;
import io.countersign.eth.intent.TokenInfo;
import io.countersign.multisig.MultiSend;
import io.countersign.multisig.RequestFile;
import io.countersign.multisig.SafeRequest;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javafx.beans.value.ObservableValue;
import javafx.concurrent.Task;
import javafx.geometry.Insets;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * File › New request: a form on the left, the request it makes on the right
 * ({@link RequestPreviewView}: decoded calls, the three hashes, the ten SafeTx fields, the policy's
 * decision), recomputed in a background task on every keystroke. Nothing is written until Save,
 * which writes exactly the request last shown (through {@link SafeProposer}, as {@code safe
 * propose} does: into the queue, journalled). The Safe's facts (chain, version, owners,
 * threshold, nonce) are read from the node once per Safe address.
 */
public final class NewRequestWindow {
    /** The forms. */
    public enum Kind {
        NATIVE("Native transfer"), ERC20("ERC-20 transfer"), BATCH("Batch (MultiSendCallOnly)"), CONTRACT("Contract call"),
        REJECTION("Rejection (replace a pending nonce)"), OWNERS("Owners and threshold");

        final String title;

        Kind(String title) {
            this.title = title;
        }
    }

    private static final Pattern ADDRESS = Pattern.compile("0x[0-9a-fA-F]{40}");

    private final ConsoleSession session;
    private final AppContext ctx;
    private final Kind kind;
    private final Runnable onSaved;
    private final Stage stage = new Stage();
    private final TextField safe = new TextField();
    private final Label facts = new Label("Give the Safe's address.");
    private final TextField nonce = new TextField();
    private final TextField description = new TextField();
    private final Label error = new Label();
    private final Button save = new Button("Save");
    private final RequestPreviewView preview = new RequestPreviewView();
    private final Map<Address, SafeProposer.SafeFacts> factsCache = new HashMap<>();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "countersign-new-request");
        t.setDaemon(true);
        return t;
    });
    /** Builds the call from the form's values (taken on the FX thread), given the Safe's facts; runs in the task. */
    private Function<SafeProposer.SafeFacts, Call> form = f -> {
        throw new IllegalArgumentException("empty form");
    };
    private java.util.function.Supplier<Function<SafeProposer.SafeFacts, Call>> formSnapshot;
    private Task<RequestPreviewView.Computed> running;
    private RequestPreviewView.Computed shown;

    private NewRequestWindow(ConsoleSession session, Kind kind, Runnable onSaved) {
        this.session = session;
        this.ctx = session.context();
        this.kind = kind;
        this.onSaved = onSaved;
    }

    /** Opens the form for {@code kind}; {@code onSaved} runs after a request was written. */
    public static void open(ConsoleSession session, Kind kind, Window owner, Runnable onSaved) {
        new NewRequestWindow(session, kind, onSaved).show(owner);
    }

    private void show(Window owner) {
        safe.setId("new-safe");
        safe.setPromptText("0x… the Safe that will make the calls");
        safe.setText(defaultSafe());
        facts.setId("new-facts");
        facts.setWrapText(true);
        nonce.setId("new-nonce");
        nonce.setPromptText("next free");
        description.setId("new-description");
        description.setPromptText("what this is for (shown in the queue)");
        error.setId("new-error");
        error.setWrapText(true);
        error.getStyleClass().add("cs-danger");
        save.setId("new-save");
        save.setDefaultButton(true);
        save.setDisable(true);
        save.setOnAction(e -> save());
        Button cancel = new Button("Cancel");
        cancel.setId("new-cancel");
        cancel.setCancelButton(true);
        cancel.setOnAction(e -> stage.close());

        GridPane head = new GridPane(8, 6);
        head.addRow(0, fixed("Safe"), safe);
        head.add(facts, 1, 1);
        head.addRow(2, fixed("Nonce"), nonce);
        head.addRow(3, fixed("Description"), description);
        GridPane.setHgrow(safe, Priority.ALWAYS);
        safe.setPrefColumnCount(42);

        VBox left = new VBox(10, head, new Label(kind.title), formNode());

        for (ObservableValue<?> v : List.of(safe.textProperty(), nonce.textProperty(), description.textProperty())) {
            v.addListener((o, a, b) -> recompute());
        }
        stage.setScene(preview.windowScene(left, error, "new-request-" + kind.name().toLowerCase(java.util.Locale.ROOT), cancel, save));
        stage.setTitle("New request — " + kind.title);
        if (owner != null) {
            stage.initOwner(owner);
        }
        stage.setOnHidden(e -> worker.shutdownNow());
        stage.show();
        recompute();
    }

    /** The Safe of the newest request in the queue: the one an officer of this folder usually works on. */
    private String defaultSafe() {
        return RequestQueue.load(ctx.requestsDir()).stream().filter(RequestQueue.Entry::ok)
                .map(e -> e.request().safe().toString()).findFirst().orElse("");
    }

    // ---------------------------------------------------------------- forms

    private javafx.scene.Node formNode() {
        return switch (kind) {
            case NATIVE -> nativeForm();
            case ERC20 -> erc20Form();
            case BATCH -> batchForm();
            case CONTRACT -> ContractCallView.create(this, this::recompute, s -> formSnapshot = s);
            case REJECTION -> rejectionForm();
            case OWNERS -> ownersForm();
        };
    }

    private javafx.scene.Node nativeForm() {
        ComboBox<String> to = addressBox("new-to");
        TextField amount = field("new-amount", "1.5");
        formSnapshot = () -> {
            String toText = to.getEditor().getText();
            String amountText = amount.getText();
            return f -> Call.of(address(toText, "recipient"), Erc20.toBaseUnits(required(amountText, "amount"), 18), new byte[0]);
        };
        return grid(new String[] {"Recipient", "Amount (native units, e.g. 1.5 ETH)"}, to, amount);
    }

    private javafx.scene.Node erc20Form() {
        ComboBox<String> token = tokenBox("new-token");
        ComboBox<String> to = addressBox("new-to");
        TextField amount = field("new-amount", "250");
        formSnapshot = () -> {
            String tokenText = token.getEditor().getText();
            String toText = to.getEditor().getText();
            String amountText = amount.getText();
            return f -> erc20(tokenText, toText, amountText);
        };
        return grid(new String[] {"Token", "Recipient", "Amount (token units)"}, token, to, amount);
    }

    /**
     * The rejection Safe{Wallet} makes: a zero-value call of the Safe to itself, at the nonce of
     * the pending request it replaces (the nonce field above is required).
     */
    private javafx.scene.Node rejectionForm() {
        formSnapshot = () -> {
            String nonceText = nonce.getText();
            return f -> {
                required(nonceText, "nonce of the request to replace (above)");
                return io.countersign.multisig.SafeAdminCalls.rejection(f.safe());
            };
        };
        Label l = new Label("Executed at the nonce above, this moves nothing and uses up that nonce: every other request "
                + "holding it can no longer execute. Give the nonce of the pending request to replace.");
        l.setWrapText(true);
        return l;
    }

    static final String ADD_OWNER = "Add an owner";
    static final String REMOVE_OWNER = "Remove an owner";
    static final String SWAP_OWNER = "Replace an owner";
    static final String CHANGE_THRESHOLD = "Change the threshold";

    /**
     * addOwnerWithThreshold, removeOwner, swapOwner, changeThreshold on the Safe itself; the
     * previous owner in the Safe's linked list comes from the owners the node reported.
     */
    private javafx.scene.Node ownersForm() {
        javafx.scene.control.ToggleGroup change = new javafx.scene.control.ToggleGroup();
        VBox kinds = new VBox(4);
        for (String[] k : new String[][] {{ADD_OWNER, "add"}, {REMOVE_OWNER, "remove"}, {SWAP_OWNER, "swap"}, {CHANGE_THRESHOLD, "threshold"}}) {
            javafx.scene.control.RadioButton b = new javafx.scene.control.RadioButton(k[0]);
            b.setId("owners-kind-" + k[1]);
            b.setUserData(k[0]);
            b.setToggleGroup(change);
            kinds.getChildren().add(b);
        }
        change.selectToggle(change.getToggles().getFirst());
        change.selectedToggleProperty().addListener((o, a, b) -> recompute());
        ComboBox<String> owner = addressBox("owners-owner");
        ComboBox<String> newOwner = addressBox("owners-new-owner");
        TextField threshold = field("owners-threshold", "new threshold (empty: keep it where allowed)");
        formSnapshot = () -> {
            String what = (String) change.getSelectedToggle().getUserData();
            String ownerText = owner.getEditor().getText();
            String newOwnerText = newOwner.getEditor().getText();
            String thresholdText = threshold.getText();
            return f -> {
                java.util.function.IntSupplier t = () -> thresholdText.isBlank() ? f.threshold()
                        : wholeNumber(thresholdText, "threshold").intValueExact();
                return switch (what) {
                    case ADD_OWNER -> io.countersign.multisig.SafeAdminCalls.addOwner(f.safe(), f.owners(), address(ownerText, "owner"), t.getAsInt());
                    case REMOVE_OWNER -> io.countersign.multisig.SafeAdminCalls.removeOwner(f.safe(), f.owners(), address(ownerText, "owner"),
                            thresholdText.isBlank() ? Math.min(f.threshold(), f.owners().size() - 1) : t.getAsInt());
                    case SWAP_OWNER -> io.countersign.multisig.SafeAdminCalls.swapOwner(f.safe(), f.owners(), address(ownerText, "owner"),
                            address(newOwnerText, "new owner"));
                    default -> io.countersign.multisig.SafeAdminCalls.changeThreshold(f.safe(), f.owners(), f.threshold(),
                            wholeNumber(required(thresholdText, "threshold"), "threshold").intValueExact());
                };
            };
        };
        return new VBox(8, kinds, grid(new String[] {"Owner (added, removed or replaced)", "New owner (replace)", "Threshold"},
                owner, newOwner, threshold));
    }

    /** One leg of a batch, as typed. */
    record Leg(String kind, String to, String token, String amount, String data) {
        String describe() {
            return switch (kind) {
                case LEG_NATIVE -> "send " + amount + " (native) to " + to;
                case LEG_ERC20 -> "transfer " + amount + " of token " + token + " to " + to;
                default -> "call " + to + " value " + (amount.isBlank() ? "0" : amount) + " data " + (data.length() > 20 ? data.substring(0, 20) + "…" : data);
            };
        }
    }

    static final String LEG_NATIVE = "Native transfer";
    static final String LEG_ERC20 = "ERC-20 transfer";
    static final String LEG_RAW = "Call with raw data";

    private javafx.scene.Node batchForm() {
        ListView<Leg> legs = new ListView<>();
        legs.setId("batch-legs");
        legs.setPrefHeight(220);
        legs.setCellFactory(v -> new javafx.scene.control.ListCell<>() {
            @Override
            protected void updateItem(Leg item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : ConsoleText.text((getIndex() + 1) + ". " + item.describe()));
            }
        });
        legs.getItems().addListener((javafx.collections.ListChangeListener<Leg>) c -> recompute());
        TextField multiSend = field("batch-multisend", "");
        multiSend.setPromptText("canonical MultiSendCallOnly of the Safe's version");
        Button add = new Button("Add leg…");
        add.setId("batch-add");
        add.setOnAction(e -> editLeg(null).ifPresent(legs.getItems()::add));
        Button edit = new Button("Edit…");
        edit.setId("batch-edit");
        edit.setOnAction(e -> {
            int i = legs.getSelectionModel().getSelectedIndex();
            if (i >= 0) {
                editLeg(legs.getItems().get(i)).ifPresent(l -> legs.getItems().set(i, l));
            }
        });
        Button remove = new Button("Remove");
        remove.setId("batch-remove");
        remove.setOnAction(e -> {
            int i = legs.getSelectionModel().getSelectedIndex();
            if (i >= 0) {
                legs.getItems().remove(i);
            }
        });
        Button up = new Button("Move up");
        up.setId("batch-up");
        up.setOnAction(e -> move(legs, -1));
        Button down = new Button("Move down");
        down.setId("batch-down");
        down.setOnAction(e -> move(legs, 1));
        formSnapshot = () -> {
            List<Leg> snapshot = List.copyOf(legs.getItems());
            String multiSendText = multiSend.getText();
            return f -> {
                if (snapshot.isEmpty()) {
                    throw new IllegalArgumentException("add the batch's legs (Add leg…)");
                }
                List<Call> calls = new ArrayList<>();
                for (int i = 0; i < snapshot.size(); i++) {
                    calls.add(legCall(snapshot.get(i), "leg " + (i + 1)));
                }
                Address ms = multiSendText.isBlank() ? SafeProposer.defaultMultiSend(f.version())
                        : Address.parse(multiSendText.trim(), "MultiSendCallOnly");
                requireContract(ms, "MultiSendCallOnly");
                return MultiSend.batch(ms, calls);
            };
        };
        VBox box = new VBox(8, legs, new HBox(6, add, edit, remove, up, down),
                new Label("MultiSendCallOnly (the batch is a DELEGATECALL to it)"), multiSend);
        multiSend.textProperty().addListener((o, a, b) -> recompute());
        return box;
    }

    private static void move(ListView<Leg> legs, int by) {
        int i = legs.getSelectionModel().getSelectedIndex();
        int j = i + by;
        if (i < 0 || j < 0 || j >= legs.getItems().size()) {
            return;
        }
        Leg leg = legs.getItems().remove(i);
        legs.getItems().add(j, leg);
        legs.getSelectionModel().select(j);
    }

    private Optional<Leg> editLeg(Leg start) {
        Dialog<ButtonType> dialog = new Dialog<>();
        dialog.initOwner(stage); // over the form, which gets the focus back when it closes
        dialog.setTitle(start == null ? "Add a leg" : "Edit the leg");
        dialog.setHeaderText(start == null ? "Add a leg to the batch" : "Edit the leg");
        javafx.scene.control.ToggleGroup legKind = new javafx.scene.control.ToggleGroup();
        HBox kinds = new HBox(12);
        for (String[] k : new String[][] {{LEG_NATIVE, "native"}, {LEG_ERC20, "erc20"}, {LEG_RAW, "raw"}}) {
            javafx.scene.control.RadioButton b = new javafx.scene.control.RadioButton(k[0]);
            b.setId("leg-kind-" + k[1]);
            b.setUserData(k[0]);
            b.setToggleGroup(legKind);
            kinds.getChildren().add(b);
        }
        ComboBox<String> to = addressBox("leg-to");
        ComboBox<String> token = tokenBox("leg-token");
        TextField amount = field("leg-amount", "");
        TextField data = field("leg-data", "0x");
        String startKind = start == null ? LEG_NATIVE : start.kind();
        legKind.getToggles().stream().filter(t -> t.getUserData().equals(startKind)).findFirst().ifPresent(legKind::selectToggle);
        java.util.function.Supplier<String> kindNow = () -> legKind.getSelectedToggle() == null ? LEG_NATIVE
                : (String) legKind.getSelectedToggle().getUserData();
        if (start != null) {
            to.getEditor().setText(start.to());
            token.getEditor().setText(start.token());
            amount.setText(start.amount());
            data.setText(start.data());
        }
        Runnable enable = () -> {
            token.setDisable(!LEG_ERC20.equals(kindNow.get()));
            data.setDisable(!LEG_RAW.equals(kindNow.get()));
        };
        legKind.selectedToggleProperty().addListener((o, a, b) -> enable.run());
        enable.run();
        GridPane grid = new GridPane(8, 6);
        grid.setPadding(new Insets(10));
        grid.addRow(0, new Label("Kind"), kinds);
        grid.addRow(1, new Label("To (recipient or contract)"), to);
        grid.addRow(2, new Label("Token (ERC-20)"), token);
        grid.addRow(3, new Label("Amount (token units; native: ETH)"), amount);
        grid.addRow(4, new Label("Data (raw call, hex)"), data);
        to.setPrefWidth(460);
        token.setPrefWidth(460);
        dialog.getDialogPane().setContent(grid);
        ButtonType ok = new ButtonType("OK", ButtonBar.ButtonData.OK_DONE);
        dialog.getDialogPane().getButtonTypes().addAll(ok, ButtonType.CANCEL);
        dialog.getDialogPane().lookupButton(ok).setId("leg-ok");
        return dialog.showAndWait().filter(b -> b == ok).map(b -> new Leg(kindNow.get(), to.getEditor().getText().trim(),
                token.getEditor().getText().trim(), amount.getText().trim(), data.getText().trim()));
    }

    private Call legCall(Leg leg, String where) {
        try {
            return switch (leg.kind()) {
                case LEG_NATIVE -> Call.of(address(leg.to(), "recipient"), Erc20.toBaseUnits(required(leg.amount(), "amount"), 18), new byte[0]);
                case LEG_ERC20 -> erc20(leg.token(), leg.to(), leg.amount());
                default -> Call.of(address(leg.to(), "contract"), leg.amount().isBlank() ? BigInteger.ZERO
                        : Erc20.toBaseUnits(leg.amount(), 18), Hex.decode(leg.data().isBlank() ? "0x" : leg.data(), "data"));
            };
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
        }
    }

    /** An ERC-20 transfer; decimals from the policy's tokens, else read from the token (online). */
    private Call erc20(String tokenText, String toText, String amountText) {
        Address token = tokenAddress(tokenText);
        Address to = address(toText, "recipient");
        String amount = required(amountText, "amount");
        Integer decimals = tokens().stream().filter(t -> t.address().equals(token)).map(TokenInfo::decimals).findFirst().orElse(null);
        if (decimals == null) {
            requireContract(token, "token");
        }
        return new SafeProposer(ctx).erc20Transfer(token, to, amount, decimals);
    }

    /** Online: refuses an address with no code (a typo, or a contract not deployed on this chain). */
    private void requireContract(Address a, String what) {
        ctx.rpcIfOnline().ifPresent(rpc -> {
            String code = rpc.client().call("eth_getCode", a.toLowerHex(), "latest").asText();
            if (code == null || code.equals("0x") || code.isEmpty()) {
                throw new IllegalArgumentException("no contract at " + what + " " + a + " on this chain");
            }
        });
    }

    // ---------------------------------------------------------------- live preview

    /** Takes the form's values now and computes the request in the background; the newest run wins. */
    void recompute() {
        if (running != null) {
            running.cancel();
        }
        shown = null;
        save.setDisable(true);
        String safeText = safe.getText();
        String nonceText = nonce.getText();
        String desc = description.getText();
        Function<SafeProposer.SafeFacts, Call> build = formSnapshot == null ? form : formSnapshot.get();
        Task<RequestPreviewView.Computed> task = new Task<>() {
            @Override
            protected RequestPreviewView.Computed call() {
                Address safeAddress = address(safeText, "Safe");
                SafeProposer proposer = new SafeProposer(ctx);
                SafeProposer.SafeFacts f;
                synchronized (factsCache) {
                    f = factsCache.get(safeAddress);
                }
                if (f == null) {
                    updateMessage("Reading Safe " + safeAddress + " from the node…");
                    f = proposer.facts(safeAddress);
                    synchronized (factsCache) {
                        factsCache.put(safeAddress, f);
                    }
                }
                SafeProposer.SafeFacts known = f;
                javafx.application.Platform.runLater(() -> showFacts(known));
                BigInteger n = nonceText == null || nonceText.isBlank() ? proposer.nextFreeNonce(f) : wholeNumber(nonceText, "nonce");
                Call call = build.apply(f);
                if (isCancelled()) {
                    return null;
                }
                return RequestPreviewView.compute(ctx, f, call, n, desc);
            }
        };
        task.setOnSucceeded(e -> {
            if (task != running || task.getValue() == null) {
                return;
            }
            shown = task.getValue();
            preview.show(shown);
            error.setText("");
            save.setDisable(false);
        });
        task.setOnFailed(e -> {
            if (task != running) {
                return;
            }
            Throwable ex = task.getException();
            String message = ex.getMessage() == null ? ex.toString() : ex.getMessage();
            preview.problem(message);
            error.setText(ConsoleText.text(message));
        });
        running = task;
        worker.submit(task);
    }

    private void showFacts(SafeProposer.SafeFacts f) {
        facts.setText("Safe " + f.version() + " on chain " + f.chainId() + " · " + f.threshold() + " of " + f.owners().size()
                + " owners · on-chain nonce " + f.safeNonce());
    }

    /** Writes the request last shown, and only if the form did not change since. */
    private void save() {
        RequestPreviewView.Computed c = shown;
        if (c == null) {
            return;
        }
        save.setDisable(true);
        SafeRequest r = c.request();
        SafeProposer.SafeFacts f;
        synchronized (factsCache) {
            f = factsCache.get(r.safe());
        }
        Task<Path> task = new Task<>() {
            @Override
            protected Path call() {
                Path written = new SafeProposer(ctx).propose(f, r.tx().call(), r.tx().nonce(), r.description(), null);
                String hash = RequestFile.read(written).hashes().safeTxHashHex();
                if (!hash.equals(r.hashes().safeTxHashHex())) {
                    throw new IllegalStateException("the written request's safeTxHash " + hash + " differs from the one shown "
                            + r.hashes().safeTxHashHex() + ": " + written);
                }
                return written;
            }
        };
        task.setOnSucceeded(e -> {
            onSaved.run();
            stage.close();
            Window main = stage.getOwner();
            Alert a = new Alert(Alert.AlertType.INFORMATION, ConsoleText.text("safeTxHash " + r.hashes().safeTxHashHex()
                    + "\nnonce " + r.tx().nonce() + "\nwritten to " + task.getValue()));
            if (main != null) {
                a.initOwner(main); // closing it gives the main window its focus back
            }
            a.setHeaderText("Request saved");
            a.getDialogPane().setMinWidth(640);
            a.show();
        });
        task.setOnFailed(e -> {
            save.setDisable(false);
            Throwable ex = task.getException();
            error.setText(ConsoleText.text("Not saved: " + (ex.getMessage() == null ? ex : ex.getMessage())));
        });
        worker.submit(task);
    }

    // ---------------------------------------------------------------- fields

    private List<TokenInfo> tokens() {
        return ctx.policy().policyDocument().map(p -> p.tokens()).orElse(List.of());
    }

    private Map<Address, String> book() {
        return ctx.policy().policyDocument().map(p -> p.addressBook()).orElse(Map.of());
    }

    /** An editable box listing the address book ("Label  0x…"); any address may be typed. */
    private ComboBox<String> addressBox(String id) {
        ComboBox<String> box = new ComboBox<>();
        box.setEditable(true);
        box.setId(id);
        box.getEditor().setId(id + "-text");
        book().forEach((a, label) -> box.getItems().add(label + "  " + a));
        box.setPromptText("0x… or a name from the address book");
        box.setMaxWidth(Double.MAX_VALUE);
        box.getEditor().textProperty().addListener((o, a, b) -> recompute());
        return box;
    }

    /** An editable box listing the policy's tokens ("SYMBOL  0x…"); any token address may be typed. */
    private ComboBox<String> tokenBox(String id) {
        ComboBox<String> box = new ComboBox<>();
        box.setEditable(true);
        box.setId(id);
        box.getEditor().setId(id + "-text");
        tokens().forEach(t -> box.getItems().add(t.symbol() + "  " + t.address()));
        box.setPromptText("0x… token address, or a token of the policy");
        box.setMaxWidth(Double.MAX_VALUE);
        box.getEditor().textProperty().addListener((o, a, b) -> recompute());
        return box;
    }

    private TextField field(String id, String prompt) {
        TextField f = new TextField();
        f.setId(id);
        f.setPromptText(prompt);
        f.textProperty().addListener((o, a, b) -> recompute());
        return f;
    }

    /** A label that keeps its whole text (a narrow window squeezes the field beside it instead). */
    private static Label fixed(String text) {
        Label l = new Label(text);
        l.setMinWidth(Region.USE_PREF_SIZE);
        return l;
    }

    private static GridPane grid(String[] labels, javafx.scene.Node... fields) {
        GridPane grid = new GridPane(8, 6);
        for (int i = 0; i < labels.length; i++) {
            Label l = new Label(labels[i]);
            l.setMinWidth(Region.USE_PREF_SIZE);
            grid.addRow(i, l, fields[i]);
            GridPane.setHgrow(fields[i], Priority.ALWAYS);
        }
        return grid;
    }

    /** An address typed, picked ("Label  0x…") or named by its address-book label. */
    Address address(String text, String field) {
        String t = required(text, field);
        Matcher m = ADDRESS.matcher(t);
        if (m.find()) {
            return Address.parse(m.group(), field);
        }
        return book().entrySet().stream().filter(e -> e.getValue().equalsIgnoreCase(t)).map(Map.Entry::getKey).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(field + " \"" + t + "\" is neither an address nor a name in the address book"));
    }

    private Address tokenAddress(String text) {
        String t = required(text, "token");
        Matcher m = ADDRESS.matcher(t);
        if (m.find()) {
            return Address.parse(m.group(), "token");
        }
        return tokens().stream().filter(i -> i.symbol().equalsIgnoreCase(t)).map(TokenInfo::address).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("token \"" + t + "\" is neither an address nor a token of the policy"));
    }

    static String required(String text, String field) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("give the " + field);
        }
        return text.trim();
    }

    static BigInteger wholeNumber(String text, String field) {
        String t = text.trim();
        if (!t.matches("[0-9]{1,30}")) {
            throw new IllegalArgumentException(field + " \"" + t + "\" is not a whole number");
        }
        return new BigInteger(t);
    }
}
