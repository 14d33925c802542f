package io.countersign.app.console;

import io.countersign.app.console.shamir.RecoveryWizard;
import io.countersign.app.console.shamir.SplitWizard;
import io.countersign.app.console.timelock.TimelockView;
import java.util.List;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Tab;

/** The views other features contribute to the main window: tabs and Recovery menu items. */
final class ConsoleViews {
    private ConsoleViews() {}

    /** The Timelocks tab builds its view (and its chain reads) the first time it is opened, not at start-up. */
    static List<Tab> extraTabs(ConsoleSession session) {
        Tab timelocks = new Tab("Timelocks");
        timelocks.setOnSelectionChanged(e -> {
            if (timelocks.isSelected() && timelocks.getContent() == null) {
                timelocks.setContent(TimelockView.create(session.context()));
            }
        });
        Tab journal = new Tab("Journal");
        journal.setId("journal-tab");
        journal.setOnSelectionChanged(e -> {
            if (journal.isSelected() && journal.getContent() == null) {
                journal.setContent(io.countersign.app.console.journal.JournalView.create(session.context()));
            }
        });
        Tab policy = new Tab("Policy");
        policy.setId("policy-tab");
        policy.setOnSelectionChanged(e -> {
            if (policy.isSelected() && policy.getContent() == null) {
                policy.setContent(io.countersign.app.console.policy.PolicyView.create(session));
            }
        });
        Tab safe = new Tab("Safe");
        safe.setId("safe-tab");
        safe.setOnSelectionChanged(e -> {
            if (safe.isSelected() && safe.getContent() == null) {
                safe.setContent(io.countersign.app.console.safe.SafeGlanceView.create(session.context()));
            }
        });
        return List.of(timelocks, journal, policy, safe, io.countersign.app.console.devices.DevicesView.tab(session));
    }

    static List<MenuItem> recoveryItems(ConsoleSession session) {
        MenuItem recover = new MenuItem("Recovery ceremony (combine SLIP-39 shares)…");
        recover.setOnAction(e -> RecoveryWizard.open(session.context(), null));
        MenuItem split = new MenuItem("Split a seed into SLIP-39 share cards…");
        split.setOnAction(e -> SplitWizard.open(session.context(), null));
        return List.of(recover, split);
    }
}
