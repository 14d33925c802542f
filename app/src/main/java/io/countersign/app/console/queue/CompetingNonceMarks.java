package io.countersign.app.console.queue;

import io.countersign.app.console.ConsoleText;
import io.countersign.app.session.RequestQueue;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.Tooltip;

/**
 * Which queued requests compete for one nonce ({@link RequestQueue#competing}), kept up to date
 * with the queue table's items, and how the queue shows it: the nonce cell reads {@code ⚠ N}
 * in red (style class {@value #STYLE}) with the competitors in its tooltip, and the request's
 * detail says which other requests hold the same nonce.
 */
final class CompetingNonceMarks {
    /** Style class of a nonce cell whose request competes with another for its nonce. */
    static final String STYLE = "competing-nonce";

    private Map<Path, List<RequestQueue.Entry>> competing = Map.of();

    CompetingNonceMarks(ObservableList<RequestQueue.Entry> items) {
        items.addListener((ListChangeListener<RequestQueue.Entry>) c -> competing = RequestQueue.competing(List.copyOf(items)));
    }

    /** The other requests that hold this entry's nonce; empty when none does. */
    List<RequestQueue.Entry> competitors(RequestQueue.Entry entry) {
        return entry == null ? List.of() : competing.getOrDefault(entry.file(), List.of());
    }

    /** One line naming the competitors, or {@code null} when there are none. */
    String sentence(RequestQueue.Entry entry) {
        List<RequestQueue.Entry> others = competitors(entry);
        if (others.isEmpty()) {
            return null;
        }
        String names = others.stream().map(o -> o.file().getFileName() + (o.request().description().isEmpty() ? ""
                : " (" + o.request().description() + ")")).collect(Collectors.joining(", "));
        return "Competes for nonce " + entry.request().tx().nonce() + " of this Safe with " + names
                + ": only one of them can execute; the others then become stale. Decide which one the owners sign.";
    }

    /** The detail view's red line, or {@code null}. */
    Label detailLine(RequestQueue.Entry entry) {
        String s = sentence(entry);
        if (s == null) {
            return null;
        }
        Label l = new Label("⚠ " + s);
        l.setWrapText(true);
        l.setId("competing-nonce");
        l.getStyleClass().add("flagged");
        return l;
    }

    /** The queue's nonce cell. */
    TableCell<RequestQueue.Entry, String> cell() {
        return new TableCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                getStyleClass().remove(STYLE);
                RequestQueue.Entry entry = empty || getIndex() < 0 || getIndex() >= getTableView().getItems().size() ? null
                        : getTableView().getItems().get(getIndex());
                String s = entry == null ? null : sentence(entry);
                if (empty || item == null) {
                    setText(null);
                    setTooltip(null);
                } else if (s != null) {
                    setText("⚠ " + item);
                    getStyleClass().add(STYLE);
                    Tooltip tip = new Tooltip(ConsoleText.text(s));
                    tip.setWrapText(true);
                    tip.setMaxWidth(640);
                    setTooltip(tip);
                } else {
                    setText(item);
                    setTooltip(null);
                }
            }
        };
    }
}
