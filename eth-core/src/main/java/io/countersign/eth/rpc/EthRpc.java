package io.countersign.eth.rpc;

import io.countersign.eth.Address;
import io.countersign.eth.EthException;
import io.countersign.eth.Hex;
import java.math.BigInteger;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** Typed wrappers over the handful of {@code eth_*} methods Countersign uses. */
public final class EthRpc {
    private final JsonRpcClient client;

    public EthRpc(JsonRpcClient client) {
        this.client = client;
    }

    /** @param url e.g. {@code http://127.0.0.1:8545} */
    public static EthRpc connect(String url) {
        return new EthRpc(new JsonRpcClient(URI.create(url)));
    }

    public JsonRpcClient client() {
        return client;
    }

    /** {@code eth_chainId}. */
    public BigInteger chainId() {
        return quantity(client.call("eth_chainId"));
    }

    /** {@code eth_call} at the latest block; returns the raw return data. */
    public byte[] call(Address to, byte[] data) {
        Map<String, Object> tx = new LinkedHashMap<>();
        tx.put("to", to.toLowerHex());
        tx.put("data", Hex.encode(data));
        return Hex.decode(client.call("eth_call", tx, "latest").asText(), "eth_call result");
    }

    /** {@code eth_getBalance}, wei. */
    public BigInteger balance(Address account) {
        return quantity(client.call("eth_getBalance", account.toLowerHex(), "latest"));
    }

    /** {@code eth_getTransactionCount} at {@code pending}: the next nonce to use. */
    public BigInteger transactionCount(Address account) {
        return quantity(client.call("eth_getTransactionCount", account.toLowerHex(), "pending"));
    }

    /** {@code eth_gasPrice}, wei per gas. */
    public BigInteger gasPrice() {
        return quantity(client.call("eth_gasPrice"));
    }

    /** {@code eth_maxPriorityFeePerGas}, wei per gas. */
    public BigInteger maxPriorityFeePerGas() {
        return quantity(client.call("eth_maxPriorityFeePerGas"));
    }

    /** The latest block's {@code baseFeePerGas}, wei per gas. */
    public BigInteger baseFeePerGas() {
        JsonNode block = client.call("eth_getBlockByNumber", "latest", false);
        return quantity(block.get("baseFeePerGas"));
    }

    /** The latest block's timestamp, seconds since the Unix epoch. */
    public BigInteger latestTimestamp() {
        return quantity(client.call("eth_getBlockByNumber", "latest", false).get("timestamp"));
    }

    /** {@code eth_estimateGas} for a call from {@code from}. */
    public BigInteger estimateGas(Address from, Address to, BigInteger value, byte[] data) {
        Map<String, Object> tx = new LinkedHashMap<>();
        tx.put("from", from.toLowerHex());
        tx.put("to", to.toLowerHex());
        tx.put("value", "0x" + value.toString(16));
        tx.put("data", Hex.encode(data));
        return quantity(client.call("eth_estimateGas", tx));
    }

    /** {@code eth_sendRawTransaction}; returns the transaction hash (32 bytes). */
    public byte[] sendRawTransaction(byte[] raw) {
        return Hex.decode(client.call("eth_sendRawTransaction", Hex.encode(raw)).asText(), "transaction hash", 32);
    }

    /**
     * Polls {@code eth_getTransactionReceipt} until the transaction is mined.
     *
     * @throws EthException.RpcException if it is not mined within {@code timeout}
     */
    public Receipt waitForReceipt(byte[] txHash, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            JsonNode receipt = client.call("eth_getTransactionReceipt", Hex.encode(txHash));
            if (receipt != null && !receipt.isNull()) {
                List<Log> logs = new ArrayList<>();
                for (JsonNode log : receipt.path("logs")) {
                    logs.add(Log.of(log));
                }
                JsonNode created = receipt.get("contractAddress");
                return new Receipt(txHash, quantity(receipt.get("status")).equals(BigInteger.ONE),
                        quantity(receipt.get("blockNumber")), quantity(receipt.get("gasUsed")), logs,
                        created == null || created.isNull() ? null : Address.parse(created.asText()));
            }
            if (System.nanoTime() > deadline) {
                throw new EthException.RpcException("transaction " + Hex.encode(txHash) + " was not mined within "
                        + timeout.toSeconds() + " s; it may still be pending", null, null);
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new EthException.RpcException("interrupted while waiting for a receipt", null, e);
            }
        }
    }

    /** {@code eth_getLogs} of one contract from {@code fromBlock} to latest, any topics. */
    public List<Log> logs(Address address, BigInteger fromBlock) {
        Map<String, Object> filter = new LinkedHashMap<>();
        filter.put("address", address.toLowerHex());
        filter.put("fromBlock", "0x" + fromBlock.toString(16));
        filter.put("toBlock", "latest");
        List<Log> out = new ArrayList<>();
        for (JsonNode log : client.call("eth_getLogs", filter)) {
            out.add(Log.of(log));
        }
        return out;
    }

    /**
     * A block number as a node sent it, checked: a JSON string {@code 0x} followed by 1 to 16 hex
     * digits, below 2^63. A node's answer is attacker-written; anything else is refused.
     *
     * @param what what the number is, for the error (e.g. {@code "eth_blockNumber"})
     * @throws EthException.RpcException (code {@code null}) when it is not such a number
     */
    public static BigInteger blockNumber(JsonNode node, String what) {
        String s = node != null && node.isString() ? node.asString() : null;
        if (s == null || !s.matches("0x[0-9a-fA-F]{1,16}") || new BigInteger(s.substring(2), 16).bitLength() > 63) {
            throw new EthException.RpcException("the node answered " + what + " with " + (node == null ? "nothing" : node)
                    + ", which is not a block number; its answer is not used", null, null);
        }
        return new BigInteger(s.substring(2), 16);
    }

    /** Parses a JSON-RPC QUANTITY ({@code 0x}-prefixed hex). */
    public static BigInteger quantity(JsonNode node) {
        if (node == null || node.isNull()) {
            throw new EthException.RpcException("the node omitted a number it should have sent", null, null);
        }
        String s = node.asText();
        return s.startsWith("0x") ? new BigInteger(s.isEmpty() || s.equals("0x") ? "0" : s.substring(2), 16) : new BigInteger(s);
    }

    /**
     * A mined transaction's receipt.
     *
     * @param contractAddress the created contract, or {@code null} for a call
     */
    public record Receipt(byte[] transactionHash, boolean success, BigInteger blockNumber, BigInteger gasUsed, List<Log> logs,
            Address contractAddress) {}

    /** One event log: emitting contract, topics (32 bytes each) and data. */
    public record Log(Address address, List<byte[]> topics, byte[] data, BigInteger blockNumber) {
        static Log of(JsonNode log) {
            List<byte[]> topics = new ArrayList<>();
            for (JsonNode t : log.path("topics")) {
                topics.add(Hex.decode(t.asText(), "topic", 32));
            }
            return new Log(Address.parse(log.get("address").asText()), topics,
                    Hex.decode(log.get("data").asText(), "log data"), quantity(log.get("blockNumber")));
        }
    }
}
