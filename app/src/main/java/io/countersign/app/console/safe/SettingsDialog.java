package io.countersign.app.console.safe;

import io.countersign.app.console.ConsoleSession;
import io.countersign.app.console.ConsoleText;
import io.countersign.app.session.AppContext;
import io.countersign.app.session.ConsoleSettings;
import io.countersign.eth.Signer;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import javafx.geometry.Insets;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.stage.Stage;

/**
 * File › Settings: the data folder, a node per chain and the chain in use, the offline switch,
 * the default signer, the theme (light or dark). Saved in the data folder ({@link ConsoleSettings}, {@code settings.json});
 * the window then reopens on the new context (another folder's queue and journal, another node).
 */
public final class SettingsDialog {
    private SettingsDialog() {}

    public static void open(Stage stage, ConsoleSession session) {
        AppContext ctx = session.context();
        ConsoleSettings loaded;
        try {
            loaded = ConsoleSettings.load(ctx.dataDir());
        } catch (RuntimeException e) {
            ExchangeActions.error(stage, "The settings file is damaged; the dialog starts from the defaults", e.getMessage());
            loaded = ConsoleSettings.defaults();
        }
        ConsoleSettings current = loaded;
        Map<BigInteger, String> nodes = new LinkedHashMap<>(current.nodes());
        BigInteger chain = current.chainId();
        if (ctx.rpcUrl() != null && !nodes.containsValue(ctx.rpcUrl())) {
            // started with --rpc: that node, on the chain it reports, is what the officer sees in use
            try {
                BigInteger reported = ctx.rpcIfOnline().map(r -> r.chainId()).orElse(null);
                if (reported != null) {
                    nodes.putIfAbsent(reported, ctx.rpcUrl());
                    chain = chain == null ? reported : chain;
                }
            } catch (RuntimeException unreachable) {
                // the node does not answer now; the officer can still type one
            }
        }
        TextField dataDir = new TextField(ctx.dataDir().toString());
        dataDir.setId("settings-data-dir");
        TextField chainId = new TextField(chain == null ? "" : chain.toString());
        chainId.setId("settings-chain");
        TextArea nodeLines = new TextArea();
        nodeLines.setId("settings-nodes");
        nodeLines.setPrefRowCount(4);
        StringBuilder text = new StringBuilder();
        nodes.forEach((c, url) -> text.append(c).append(' ').append(url).append('\n'));
        nodeLines.setText(text.toString());
        io.countersign.app.console.Shortcuts.tabMovesFocus(nodeLines);
        nodeLines.setPromptText("one line per chain: CHAIN_ID URL, e.g.\n1 https://eth.example.org\n11155111 http://127.0.0.1:8545");
        CheckBox offline = new CheckBox("Offline (air-gapped: no network connection at all)");
        offline.setId("settings-offline");
        offline.setSelected(ctx.offline());
        ComboBox<String> signer = new ComboBox<>();
        signer.setId("settings-signer");
        signer.setEditable(true);
        for (Signer s : session.signers()) {
            signer.getItems().add(s.label());
        }
        signer.getItems().addAll("ledger", "trezor");
        signer.getEditor().setText(current.defaultSigner() == null ? "" : current.defaultSigner());
        signer.setMaxWidth(Double.MAX_VALUE);
        ComboBox<ConsoleSettings.Theme> theme = new ComboBox<>();
        theme.setId("settings-theme");
        theme.getItems().addAll(ConsoleSettings.Theme.values());
        theme.setValue(current.theme());
        theme.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(ConsoleSettings.Theme t) {
                return t == null ? "" : t == ConsoleSettings.Theme.DARK ? "Dark" : "Light";
            }

            @Override
            public ConsoleSettings.Theme fromString(String s) {
                return ConsoleSettings.Theme.of(s.toLowerCase(java.util.Locale.ROOT));
            }
        });

        GridPane grid = new GridPane(10, 8);
        grid.setPadding(new Insets(10));
        grid.addRow(0, new Label("Data folder"), dataDir);
        grid.addRow(1, new Label("Nodes (chain id, URL)"), nodeLines);
        grid.addRow(2, new Label("Chain in use"), chainId);
        grid.addRow(3, new Label("Network"), offline);
        grid.addRow(4, new Label("Default signer"), signer);
        grid.addRow(5, new Label("Theme"), theme);
        Label note = new Label("Saved in the data folder as " + ConsoleSettings.FILE
                + ". --rpc and --offline on the command line win over these.");
        note.setWrapText(true);
        grid.add(note, 1, 6);
        GridPane.setHgrow(dataDir, Priority.ALWAYS);
        dataDir.setPrefColumnCount(46);

        Dialog<ButtonType> dialog = new Dialog<>();
        dialog.initOwner(stage);
        dialog.setTitle("Settings");
        dialog.setHeaderText("Settings");
        dialog.getDialogPane().setContent(grid);
        ButtonType save = new ButtonType("Save and reopen", ButtonBar.ButtonData.OK_DONE);
        dialog.getDialogPane().getButtonTypes().addAll(save, ButtonType.CANCEL);
        dialog.getDialogPane().lookupButton(save).setId("settings-save");
        dialog.getDialogPane().setId("settings-dialog");
        while (true) {
            Optional<ButtonType> answer = dialog.showAndWait();
            if (answer.isEmpty() || answer.get() != save) {
                return;
            }
            try {
                Path dir = Path.of(NewRequestWindow.required(dataDir.getText(), "data folder")).toAbsolutePath();
                Map<BigInteger, String> parsed = new LinkedHashMap<>();
                int line = 0;
                for (String l : nodeLines.getText().split("\n")) {
                    line++;
                    if (l.isBlank()) {
                        continue;
                    }
                    String[] parts = l.trim().split("\\s+");
                    if (parts.length != 2) {
                        throw new IllegalArgumentException("nodes, line " + line + ": write CHAIN_ID URL");
                    }
                    parsed.put(ConsoleSettings.chain(parts[0]), ConsoleSettings.requireUrl(parts[1], "nodes, line " + line));
                }
                BigInteger use = chainId.getText().isBlank() ? null : ConsoleSettings.chain(chainId.getText().trim());
                if (use != null && !parsed.containsKey(use)) {
                    throw new IllegalArgumentException("chain " + use + " has no node in the list");
                }
                String signerText = signer.getEditor().getText().trim();
                ConsoleSettings next = new ConsoleSettings(use, parsed, offline.isSelected(), signerText.isEmpty() ? null : signerText,
                        theme.getValue(), current.window());
                next.save(dir);
                SafeMenus.reopen(stage, session, ctx.reopen(dir, next.offline(), next.node().orElse(null)));
                return;
            } catch (RuntimeException e) {
                Alert a = new Alert(Alert.AlertType.ERROR, ConsoleText.text(String.valueOf(e.getMessage())));
                a.initOwner(stage);
                a.setHeaderText("Check the settings — nothing was saved");
                a.showAndWait();
            }
        }
    }
}
