package io.countersign.hw.trezor;

import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import io.countersign.eth.Hex;
import io.countersign.eth.Signature;
import io.countersign.eth.TypedData;
import io.countersign.hw.trezor.proto.TrezorEip712;
import io.countersign.hw.trezor.proto.TrezorEip712.EthereumTypedDataStructAck.EthereumFieldType;
import io.countersign.hw.trezor.proto.TrezorEthereum;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.web3j.crypto.Hash;
import org.web3j.rlp.RlpEncoder;
import org.web3j.rlp.RlpList;
import org.web3j.rlp.RlpString;
import org.web3j.rlp.RlpType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The emulated Trezor's signing flows: the firmware's side of the data-chunk loop and of EIP-712. */
final class EmulatedTrezorSigning {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private EmulatedTrezorSigning() {}

    private static byte[] data(EmulatedTrezor dev, ByteString initial, int length) throws InterruptedException {
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        data.writeBytes(initial.toByteArray());
        while (data.size() < length) {
            int want = Math.min(1024, length - data.size());
            Message a = dev.ask(TrezorEthereum.EthereumTxRequest.newBuilder().setDataLength(want).build());
            data.writeBytes(((TrezorEthereum.EthereumTxAck) a).getDataChunk().toByteArray());
        }
        return data.toByteArray();
    }

    private static RlpString address(String to) {
        return RlpString.create(to == null || to.isEmpty() ? new byte[0] : Hex.decode(to, "to"));
    }

    static void signTx(EmulatedTrezor dev, TrezorEthereum.EthereumSignTx t) throws InterruptedException {
        byte[] data = data(dev, t.getDataInitialChunk(), t.getDataLength());
        if (!dev.gate(true)) {
            return;
        }
        List<RlpType> f = new ArrayList<>();
        if (t.hasTxType()) {
            f.add(RlpString.create(BigInteger.valueOf(t.getTxType())));
        }
        f.add(RlpString.create(t.getNonce().toByteArray()));
        f.add(RlpString.create(t.getGasPrice().toByteArray()));
        f.add(RlpString.create(t.getGasLimit().toByteArray()));
        f.add(address(t.hasTo() ? t.getTo() : null));
        f.add(RlpString.create(t.getValue().toByteArray()));
        f.add(RlpString.create(data));
        BigInteger chainId = EmulatedTrezor.unsigned(t.getChainId());
        f.add(RlpString.create(chainId));
        f.add(RlpString.create(new byte[0]));
        f.add(RlpString.create(new byte[0]));
        Signature sig = dev.key(t.getAddressNList()).signDigest(Hash.sha3(RlpEncoder.encode(new RlpList(f))));
        BigInteger v = chainId.shiftLeft(1).add(BigInteger.valueOf(35 + sig.v() - 27));
        int wireV = v.bitLength() <= 31 ? v.intValue() : sig.v() - 27;
        dev.reply(TrezorEthereum.EthereumTxRequest.newBuilder().setSignatureV(wireV).setSignatureR(ByteString.copyFrom(sig.r()))
                .setSignatureS(ByteString.copyFrom(sig.s())).build());
    }

    static void signTx1559(EmulatedTrezor dev, TrezorEthereum.EthereumSignTxEIP1559 t) throws InterruptedException {
        byte[] data = data(dev, t.getDataInitialChunk(), t.getDataLength());
        if (!dev.gate(true)) {
            return;
        }
        List<RlpType> access = new ArrayList<>();
        for (var e : t.getAccessListList()) {
            List<RlpType> keys = e.getStorageKeysList().stream().map(k -> (RlpType) RlpString.create(k.toByteArray())).toList();
            access.add(new RlpList(address(e.getAddress()), new RlpList(keys)));
        }
        List<RlpType> f = List.of(RlpString.create(EmulatedTrezor.unsigned(t.getChainId())), RlpString.create(t.getNonce().toByteArray()),
                RlpString.create(t.getMaxPriorityFee().toByteArray()), RlpString.create(t.getMaxGasFee().toByteArray()),
                RlpString.create(t.getGasLimit().toByteArray()), address(t.hasTo() ? t.getTo() : null), RlpString.create(t.getValue().toByteArray()),
                RlpString.create(data), new RlpList(access));
        byte[] rlp = RlpEncoder.encode(new RlpList(f));
        byte[] typed = new byte[rlp.length + 1];
        typed[0] = 2;
        System.arraycopy(rlp, 0, typed, 1, rlp.length);
        Signature sig = dev.key(t.getAddressNList()).signDigest(Hash.sha3(typed));
        dev.reply(TrezorEthereum.EthereumTxRequest.newBuilder().setSignatureV(sig.v() - 27).setSignatureR(ByteString.copyFrom(sig.r()))
                .setSignatureS(ByteString.copyFrom(sig.s())).build());
    }

    /** Asks for every struct, then every value, rebuilds the JSON and signs its EIP-712 digest. */
    static void signTypedData(EmulatedTrezor dev, TrezorEip712.EthereumSignTypedData s) throws InterruptedException {
        Map<String, List<String[]>> types = new LinkedHashMap<>();
        Deque<String> pending = new ArrayDeque<>(List.of("EIP712Domain"));
        if (!s.getPrimaryType().equals("EIP712Domain")) {
            pending.add(s.getPrimaryType());
        }
        while (!pending.isEmpty()) {
            String name = pending.poll();
            if (types.containsKey(name)) {
                continue;
            }
            var ack = (TrezorEip712.EthereumTypedDataStructAck) dev.ask(TrezorEip712.EthereumTypedDataStructRequest.newBuilder().setName(name).build());
            List<String[]> members = new ArrayList<>();
            for (var m : ack.getMembersList()) {
                members.add(new String[] {m.getName(), typeName(m.getType(), pending)});
            }
            types.put(name, members);
        }
        ObjectNode root = JSON.createObjectNode();
        ObjectNode typesNode = root.putObject("types");
        types.forEach((n, ms) -> {
            ArrayNode a = typesNode.putArray(n);
            for (String[] m : ms) {
                a.addObject().put("name", m[0]).put("type", m[1]);
            }
        });
        root.put("primaryType", s.getPrimaryType());
        root.set("domain", struct(dev, types, "EIP712Domain", List.of(0)));
        boolean domainOnly = s.getPrimaryType().equals("EIP712Domain");
        root.set("message", domainOnly ? JSON.createObjectNode() : struct(dev, types, s.getPrimaryType(), List.of(1)));
        if (!dev.gate(true)) {
            return;
        }
        TypedData td = new TypedData(root.toString());
        byte[] digest = domainOnly
                ? Hash.sha3(io.countersign.hw.ledger.EmulatedSpeculos.concat(new byte[] {0x19, 0x01}, td.domainHash()))
                : td.digest();
        dev.sendTypedSignature(s.getAddressNList(), digest);
    }

    private static String typeName(EthereumFieldType t, Deque<String> pending) {
        return switch (t.getDataType()) {
            case UINT -> "uint" + t.getSize() * 8;
            case INT -> "int" + t.getSize() * 8;
            case BYTES -> t.hasSize() ? "bytes" + t.getSize() : "bytes";
            case STRING -> "string";
            case BOOL -> "bool";
            case ADDRESS -> "address";
            case ARRAY -> typeName(t.getEntryType(), pending) + (t.hasSize() ? "[" + t.getSize() + "]" : "[]");
            case STRUCT -> {
                pending.add(t.getStructName());
                yield t.getStructName();
            }
        };
    }

    private static ObjectNode struct(EmulatedTrezor dev, Map<String, List<String[]>> types, String name, List<Integer> path)
            throws InterruptedException {
        ObjectNode o = JSON.createObjectNode();
        List<String[]> members = types.get(name);
        for (int i = 0; i < members.size(); i++) {
            List<Integer> p = new ArrayList<>(path);
            p.add(i);
            o.set(members.get(i)[0], value(dev, types, members.get(i)[1], p));
        }
        return o;
    }

    private static JsonNode value(EmulatedTrezor dev, Map<String, List<String[]>> types, String type, List<Integer> path)
            throws InterruptedException {
        if (types.containsKey(type)) {
            return struct(dev, types, type, path);
        }
        byte[] b = ((TrezorEip712.EthereumTypedDataValueAck) dev.ask(
                TrezorEip712.EthereumTypedDataValueRequest.newBuilder().addAllMemberPath(path).build())).getValue().toByteArray();
        if (type.endsWith("]")) {
            int n = ((b[0] & 0xff) << 8) | (b[1] & 0xff);
            String element = type.substring(0, type.lastIndexOf('['));
            ArrayNode a = JSON.createArrayNode();
            for (int k = 0; k < n; k++) {
                List<Integer> p = new ArrayList<>(path);
                p.add(k);
                a.add(value(dev, types, element, p));
            }
            return a;
        }
        var nf = JSON.getNodeFactory();
        if (type.startsWith("uint")) {
            return nf.stringNode(new BigInteger(1, b).toString());
        }
        if (type.startsWith("int")) {
            return nf.stringNode(new BigInteger(b).toString());
        }
        return switch (type) {
            case "bool" -> nf.booleanNode(b[0] != 0);
            case "string" -> nf.stringNode(new String(b, StandardCharsets.UTF_8));
            default -> nf.stringNode(Hex.encode(b));
        };
    }
}
