package io.countersign.app.console.safe;

import io.countersign.app.session.SafeProposer;
import io.countersign.eth.Address;
import io.countersign.eth.Call;
import io.countersign.eth.Erc20;
import io.countersign.eth.Hex;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import javafx.collections.FXCollections;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.TypeDecoder;
import org.web3j.abi.datatypes.Type;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The contract-call form: paste the contract's ABI (a JSON array, as Etherscan and Hardhat give
 * it), pick one of its non-view functions, fill one typed field per input; the calldata is
 * encoded with web3j's ABI encoder (Solidity ABI spec, "Function Selector and Argument
 * Encoding"). Inputs of the atomic types (address, bool, uintN, intN, bytesN, bytes, string) are
 * offered; a function with array or tuple inputs is listed but refused with a message.
 */
final class ContractCallView {
    /** A function of the pasted ABI. */
    record Fn(String name, List<String> types, List<String> names) {
        String signature() {
            return name + "(" + String.join(",", types) + ")";
        }

        @Override
        public String toString() {
            return signature();
        }
    }

    private ContractCallView() {}

    static Node create(NewRequestWindow window, Runnable changed, Consumer<Supplier<Function<SafeProposer.SafeFacts, Call>>> snapshot) {
        TextField to = new TextField();
        to.setId("abi-to");
        to.setPromptText("0x… the contract");
        TextField value = new TextField();
        value.setId("abi-value");
        value.setPromptText("0 (native units sent with the call)");
        TextArea abi = new TextArea();
        abi.setId("abi-json");
        abi.setPromptText("[{\"type\":\"function\",\"name\":\"transfer\",\"inputs\":[…]}, …]");
        abi.setPrefRowCount(6);
        abi.setWrapText(true);
        ComboBox<Fn> function = new ComboBox<>();
        function.setId("abi-function");
        function.setMaxWidth(Double.MAX_VALUE);
        Label abiProblem = new Label();
        abiProblem.setId("abi-problem");
        abiProblem.setWrapText(true);
        GridPane args = new GridPane(8, 6);
        args.setId("abi-args");
        List<TextField> argFields = new ArrayList<>();
        abi.textProperty().addListener((o, a, text) -> {
            try {
                function.setItems(FXCollections.observableArrayList(parse(text)));
                abiProblem.setText(function.getItems().isEmpty() ? "the ABI lists no function that changes state" : "");
                if (!function.getItems().isEmpty()) {
                    function.getSelectionModel().selectFirst();
                }
            } catch (RuntimeException e) {
                function.getItems().clear();
                abiProblem.setText(text.isBlank() ? "" : "ABI: " + e.getMessage());
            }
            changed.run();
        });
        function.valueProperty().addListener((o, a, fn) -> {
            args.getChildren().clear();
            argFields.clear();
            if (fn != null) {
                for (int i = 0; i < fn.types().size(); i++) {
                    TextField f = new TextField();
                    f.setId("abi-arg-" + i);
                    f.setPromptText(fn.types().get(i));
                    f.textProperty().addListener((o2, a2, b2) -> changed.run());
                    GridPane.setHgrow(f, Priority.ALWAYS);
                    args.addRow(i, new Label(fn.names().get(i) + " (" + fn.types().get(i) + ")"), f);
                    argFields.add(f);
                }
            }
            changed.run();
        });
        to.textProperty().addListener((o, a, b) -> changed.run());
        value.textProperty().addListener((o, a, b) -> changed.run());
        snapshot.accept(() -> {
            String toText = to.getText();
            String valueText = value.getText();
            Fn fn = function.getValue();
            List<String> argTexts = argFields.stream().map(TextField::getText).toList();
            return facts -> {
                Address contract = window.address(toText, "contract");
                if (fn == null) {
                    throw new IllegalArgumentException("paste the contract's ABI and pick a function");
                }
                BigInteger wei = valueText == null || valueText.isBlank() ? BigInteger.ZERO : Erc20.toBaseUnits(valueText.trim(), 18);
                return Call.of(contract, wei, encode(fn, argTexts));
            };
        });
        GridPane head = new GridPane(8, 6);
        head.addRow(0, new Label("Contract"), to);
        head.addRow(1, new Label("Value (native)"), value);
        GridPane.setHgrow(to, Priority.ALWAYS);
        return new VBox(8, head, new Label("ABI (JSON)"), abi, abiProblem, new Label("Function"), function, args);
    }

    /** The ABI's functions that are neither view nor pure, in file order. */
    static List<Fn> parse(String json) {
        JsonNode root = new ObjectMapper().readTree(json);
        if (root.isObject() && root.has("abi")) {
            root = root.get("abi");
        }
        if (!root.isArray()) {
            throw new IllegalArgumentException("an ABI is a JSON array of functions and events");
        }
        List<Fn> out = new ArrayList<>();
        for (JsonNode item : root) {
            if (!"function".equals(item.path("type").asString("")) || "view".equals(item.path("stateMutability").asString(""))
                    || "pure".equals(item.path("stateMutability").asString(""))) {
                continue;
            }
            List<String> types = new ArrayList<>();
            List<String> names = new ArrayList<>();
            int i = 0;
            for (JsonNode input : item.path("inputs")) {
                types.add(canonical(input.path("type").asString("")));
                String name = input.path("name").asString("");
                names.add(name.isBlank() ? "arg" + i : name);
                i++;
            }
            String name = item.path("name").asString("");
            if (!name.matches("[A-Za-z_$][A-Za-z0-9_$]{0,63}")) {
                throw new IllegalArgumentException("function name \"" + name + "\" is not a Solidity identifier");
            }
            out.add(new Fn(name, types, names));
        }
        return out;
    }

    private static String canonical(String type) {
        return switch (type) {
            case "uint" -> "uint256";
            case "int" -> "int256";
            default -> type;
        };
    }

    /** The calldata: selector and ABI-encoded arguments. */
    static byte[] encode(Fn fn, List<String> texts) {
        List<Type> values = new ArrayList<>();
        for (int i = 0; i < fn.types().size(); i++) {
            String type = fn.types().get(i);
            String field = fn.names().get(i);
            String t = texts.get(i) == null ? "" : texts.get(i).trim();
            Object v;
            if (type.equals("address")) {
                v = Address.parse(t, field).toLowerHex();
            } else if (type.equals("bool")) {
                if (!t.equals("true") && !t.equals("false")) {
                    throw new IllegalArgumentException(field + ": a bool is true or false");
                }
                v = Boolean.parseBoolean(t);
            } else if (type.matches("u?int[0-9]*")) {
                if (!t.matches("-?[0-9]+")) {
                    throw new IllegalArgumentException(field + " (" + type + "): \"" + t + "\" is not a whole number in base units");
                }
                v = new BigInteger(t);
            } else if (type.matches("bytes[0-9]*")) {
                v = Hex.decode(t.isEmpty() ? "0x" : t, field);
            } else if (type.equals("string")) {
                v = texts.get(i) == null ? "" : texts.get(i);
            } else {
                throw new IllegalArgumentException(field + ": inputs of type " + type + " are not supported in this form; "
                        + "use a raw call (batch leg \"Call with raw data\")");
            }
            try {
                values.add(TypeDecoder.instantiateType(type.toLowerCase(Locale.ROOT), v));
            } catch (ReflectiveOperationException | RuntimeException e) {
                Throwable cause = e.getCause() != null ? e.getCause() : e;
                throw new IllegalArgumentException(field + " (" + type + "): " + cause.getMessage());
            }
        }
        return Hex.decode(FunctionEncoder.encode(new org.web3j.abi.datatypes.Function(fn.name(), values, List.of())), "calldata");
    }
}
