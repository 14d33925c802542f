package io.countersign.app.cli;

import com.sparrowwallet.hummingbird.UR;
import io.countersign.airgap.AirgapCode;
import io.countersign.airgap.AirgapException;
import io.countersign.airgap.CodeFiles;
import io.countersign.airgap.EthSignRequest;
import io.countersign.airgap.EthSignatureCode;
import io.countersign.airgap.HdKeyInfo;
import io.countersign.airgap.QrImages;
import io.countersign.airgap.RequestIds;
import io.countersign.airgap.SafeTxSignData;
import io.countersign.airgap.UrParts;
import io.countersign.app.session.AirgapSigning;
import io.countersign.app.session.AppContext;
import io.countersign.app.session.CountersignException;
import io.countersign.app.session.SafeSigningSession;
import io.countersign.eth.Address;
import io.countersign.eth.Bip32Path;
import io.countersign.eth.Hex;
import io.countersign.eth.Signer;
import io.countersign.multisig.RequestFile;
import io.countersign.multisig.SafeRequest;
import io.countersign.multisig.SignatureMethod;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code countersign qr …}: requests and signatures as animated QR codes (BC-UR, ERC-4527), docs/airgap.md. */
@Command(name = "qr", mixinStandardHelpOptions = true,
        description = "Move requests and signatures across an air gap as QR codes (BC-UR; ERC-4527 for QR wallets).")
final class QrCommand {
    @ParentCommand
    CountersignCommand root;

    static AirgapCode read(List<Path> files) {
        try {
            return AirgapCode.of(CodeFiles.assemble(CodeFiles.parts(files)));
        } catch (AirgapException e) {
            throw new CountersignException.Refused(e.getMessage());
        }
    }

    /** Writes the parts as {@code NAME.txt} (one per line) and {@code NAME-001.png}…; returns the PNG paths. */
    static List<Path> writeFrames(List<String> parts, Path dir, String name, int scale) {
        List<Path> pngs = new ArrayList<>();
        try {
            Files.createDirectories(dir);
            for (int i = 0; i < parts.size(); i++) {
                Path png = dir.resolve(String.format("%s-%03d.png", name, i + 1));
                QrImages.writePng(parts.get(i), scale, png);
                pngs.add(png);
            }
            RequestFile.writeAtomically(dir.resolve(name + ".txt"), String.join("\n", parts) + "\n");
        } catch (IOException e) {
            throw new CountersignException.Refused("cannot write the QR frames to " + dir + ": " + e.getMessage());
        }
        return pngs;
    }

    static void putParts(ObjectNode node, List<String> parts, List<Path> pngs, Path dir, String name) {
        ArrayNode ur = node.putArray("ur");
        parts.forEach(ur::add);
        ArrayNode frames = node.putArray("frames");
        pngs.forEach(p -> frames.add(p.toString()));
        node.put("text", dir.resolve(name + ".txt").toString());
    }

    @Command(name = "encode", mixinStandardHelpOptions = true,
            description = "Write a request as QR frames (PNG, played in order as an animated code) and as UR text.")
    static final class Encode implements Runnable {
        @ParentCommand
        QrCommand qr;

        @Parameters(paramLabel = "REQ")
        Path request;

        @Option(names = "--format", paramLabel = "countersign|eth-sign-request", defaultValue = "countersign",
                description = "countersign: the whole request file (ur:bytes), for an offline Countersign; eth-sign-request: "
                        + "ERC-4527 SafeTx typed data, for a QR wallet (Keystone, AirGap Vault). Default: ${DEFAULT-VALUE}.")
        String format;

        @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder for code.txt and code-NNN.png.")
        Path out;

        @Option(names = "--frames", paramLabel = "N", description = "Frames of a multi-part code (default: twice the fragments).")
        Integer frames;

        @Option(names = "--fragment-length", paramLabel = "BYTES", defaultValue = "200",
                description = "Bytes of the message per frame (default: ${DEFAULT-VALUE}).")
        int fragmentLength;

        @Option(names = "--scale", paramLabel = "PX", defaultValue = "6", description = "Pixels per QR module (default: ${DEFAULT-VALUE}).")
        int scale;

        @Option(names = "--path", paramLabel = "PATH", defaultValue = "m/44'/60'/0'/0/0",
                description = "eth-sign-request: the signer's BIP-32 path (default: ${DEFAULT-VALUE}).")
        String path;

        @Option(names = "--xfp", paramLabel = "HEX", description = "eth-sign-request: the signer's master key fingerprint (8 hex digits, "
                + "from its crypto-hdkey); Keystone refuses a request without its own.")
        String xfp;

        @Option(names = "--address", paramLabel = "ADDRESS", description = "eth-sign-request: the owner asked to sign.")
        String address;

        @Override
        public void run() {
            Output output = qr.root.output();
            if (fragmentLength < 10 || fragmentLength > 1000) {
                throw new CountersignException.Usage("--fragment-length must be 10 to 1000 bytes");
            }
            if (scale < 1 || scale > 40) {
                throw new CountersignException.Usage("--scale must be 1 to 40 pixels per module");
            }
            SafeRequest r = RequestFile.read(request);
            UR ur;
            switch (format) {
                case "countersign" -> ur = AirgapCode.requestUr(r);
                case "eth-sign-request" -> {
                    byte[] fp = xfp == null ? null : Hex.decode(xfp.startsWith("0x") ? xfp : "0x" + xfp, "--xfp", 4);
                    ur = AirgapSigning.signRequestFor(r, Bip32Path.parse(path), fp, address == null ? null : Address.parse(address, "--address")).toUr();
                }
                default -> throw new CountersignException.Usage("--format must be countersign or eth-sign-request, not " + format);
            }
            UREncoder probe = new UREncoder(ur, fragmentLength);
            int n = frames != null ? frames : probe.single ? 1 : 2 * probe.seqLen;
            if (n < 1 || n > 10_000) {
                throw new CountersignException.Usage("--frames must be 1 to 10000");
            }
            List<String> parts = UrParts.encode(ur, fragmentLength, n);
            // journal first: the EXPORT entry is on disk before the frames are
            try (AppContext ctx = qr.root.context()) {
                io.countersign.app.session.AirgapQueue.journalExport(ctx, r.hashes().safeTxHashHex(),
                        RequestIds.forSafeTxHash(r.hashes().safeTxHash()), format, null);
            }
            List<Path> pngs = writeFrames(parts, out, "code", scale);
            ObjectNode node = output.object();
            node.put("format", format);
            node.put("type", ur.getType());
            node.put("requestId", RequestIds.format(RequestIds.forSafeTxHash(r.hashes().safeTxHash())));
            node.put("safeTxHash", r.hashes().safeTxHashHex());
            node.put("fragments", probe.single ? 1 : probe.seqLen);
            node.put("bytes", ur.getCborBytes().length);
            putParts(node, parts, pngs, out, "code");
            output.result(node, "ur:" + ur.getType() + " (" + ur.getCborBytes().length + " bytes) in " + parts.size() + " frame"
                    + (parts.size() == 1 ? "" : "s") + " (" + (probe.single ? 1 : probe.seqLen) + " fragments) in " + out
                    + "\n  safeTxHash " + r.hashes().safeTxHashHex() + "\n  show the frames in order, repeating, to the other device");
        }
    }

    /** The fragment count hummingbird will use. */
    private record UREncoder(boolean single, int seqLen) {
        UREncoder(UR ur, int fragmentLength) {
            this(new com.sparrowwallet.hummingbird.UREncoder(ur, fragmentLength, 10, 0));
        }

        private UREncoder(com.sparrowwallet.hummingbird.UREncoder e) {
            this(e.isSinglePart(), e.getSeqLen());
        }
    }

    @Command(name = "decode", mixinStandardHelpOptions = true,
            description = "Read QR frames (PNG/JPEG) or text files of ur: strings, in any order and with gaps, and print the code.")
    static final class Decode implements Runnable {
        @ParentCommand
        QrCommand qr;

        @Parameters(paramLabel = "FILE", arity = "1..*")
        List<Path> files;

        @Option(names = "--out", paramLabel = "REQ", description = "For a Countersign request code: write the request file.")
        Path out;

        @Override
        public void run() {
            Output output = qr.root.output();
            AirgapCode code = read(files);
            ObjectNode node = output.object();
            node.put("type", code.urType());
            StringBuilder human = new StringBuilder("ur:" + code.urType());
            switch (code) {
                case AirgapCode.SignRequest s -> {
                    EthSignRequest q = s.request();
                    if (q.requestId() != null) {
                        node.put("requestId", RequestIds.format(q.requestId()));
                    }
                    node.put("dataType", q.dataType().code);
                    node.put("dataTypeName", q.dataType().id);
                    if (q.chainId() != null) {
                        node.put("chainId", q.chainId().toString());
                    }
                    node.put("path", q.path().toString());
                    if (q.sourceFingerprint() != null) {
                        node.put("sourceFingerprint", Hex.encodeBare(q.sourceFingerprint()));
                    }
                    if (q.address() != null) {
                        node.put("address", q.address().toString());
                    }
                    if (q.origin() != null) {
                        node.put("origin", q.origin());
                    }
                    node.put("signData", Hex.encode(q.signData()));
                    human.append(" ").append(q.dataType().id).append(q.requestId() == null ? "" : ", requestId " + RequestIds.format(q.requestId()))
                            .append(q.chainId() == null ? "" : ", chain " + q.chainId()).append(", path ").append(q.path())
                            .append(q.address() == null ? "" : ", address " + q.address());
                    if (q.dataType() == EthSignRequest.DataType.TYPED_DATA) {
                        try {
                            SafeTxSignData.Parsed p = SafeTxSignData.parse(q.signData(), q.chainId());
                            node.put("safe", p.safe().toString());
                            node.put("safeTxHash", Hex.encode(p.safeTxHash()));
                            human.append("\n  SafeTx for Safe ").append(p.safe()).append(", safeTxHash ").append(Hex.encode(p.safeTxHash()));
                        } catch (AirgapException e) {
                            node.put("problem", e.getMessage());
                            human.append("\n  not a Safe transaction: ").append(e.getMessage());
                        }
                    }
                }
                case AirgapCode.Signature s -> {
                    EthSignatureCode c = s.signature();
                    if (c.requestId() != null) {
                        node.put("requestId", RequestIds.format(c.requestId()));
                    }
                    node.put("signature", Hex.encode(c.signature()));
                    if (c.origin() != null) {
                        node.put("origin", c.origin());
                    }
                    human.append(c.requestId() == null ? "" : " for requestId " + RequestIds.format(c.requestId()))
                            .append("\n  signature ").append(Hex.encode(c.signature()))
                            .append("\n  add it to the request with `countersign safe merge REQ FILE --out REQ`");
                }
                case AirgapCode.HdKey k -> {
                    HdKeyInfo h = k.key();
                    node.put("key", Hex.encode(h.key()));
                    if (h.chainCode() != null) {
                        node.put("chainCode", Hex.encode(h.chainCode()));
                    }
                    node.put("path", h.origin());
                    if (h.sourceFingerprint() != null) {
                        node.put("sourceFingerprint", Hex.encodeBare(h.sourceFingerprint()));
                    }
                    if (h.name() != null) {
                        node.put("name", h.name());
                    }
                    node.put("address", h.address().toString());
                    node.put("addressPath", h.addressPath());
                    human.append(h.name() == null ? "" : " \"" + h.name() + "\"").append("\n  address ").append(h.address())
                            .append(" (").append(h.addressPath()).append(")")
                            .append(h.sourceFingerprint() == null ? "" : "\n  master fingerprint " + Hex.encodeBare(h.sourceFingerprint()));
                }
                case AirgapCode.Request q -> {
                    SafeRequest r = q.request();
                    node.put("requestId", RequestIds.format(RequestIds.forSafeTxHash(r.hashes().safeTxHash())));
                    node.put("safeTxHash", r.hashes().safeTxHashHex());
                    node.put("chainId", r.chainId().toString());
                    node.put("safe", r.safe().toString());
                    node.put("nonce", r.tx().nonce().toString());
                    node.put("signatures", r.signatures().size());
                    node.put("threshold", r.threshold());
                    human.append(" (Countersign request) for Safe ").append(r.safe()).append(" on ").append(r.chainName())
                            .append(", nonce ").append(r.tx().nonce()).append("\n  safeTxHash ").append(r.hashes().safeTxHashHex())
                            .append("\n  ").append(r.signatures().size()).append(" of ").append(r.threshold()).append(" signatures");
                    if (out != null) {
                        RequestFile.write(r, out);
                        node.put("out", out.toString());
                        human.append("\n  written to ").append(out);
                    }
                }
            }
            if (out != null && !(code instanceof AirgapCode.Request)) {
                throw new CountersignException.Usage("--out writes a Countersign request; this code is ur:" + code.urType());
            }
            output.result(node, human.toString());
        }
    }

    @Command(name = "sign", mixinStandardHelpOptions = true,
            description = "On the offline machine: read a request code, run the policy and the device as `safe sign` does, "
                    + "and write the eth-signature code (QR frames and UR text) to --out.")
    static final class Sign implements Runnable {
        @ParentCommand
        QrCommand qr;

        @Parameters(paramLabel = "FILE", arity = "1..*")
        List<Path> files;

        @Mixin
        SignerOptions signerOptions;

        @Option(names = "--out", required = true, paramLabel = "DIR",
                description = "Folder for request.json (the request as signed), signature.txt and signature-NNN.png.")
        Path out;

        @Option(names = "--request", paramLabel = "REQ",
                description = "For an eth-sign-request while offline: your copy of the same request (owners, threshold, version).")
        Path localCopy;

        @Option(names = "--scale", paramLabel = "PX", defaultValue = "6", description = "Pixels per QR module (default: ${DEFAULT-VALUE}).")
        int scale;

        @Override
        public void run() {
            Output output = qr.root.output();
            AirgapCode code = read(files);
            CliListener listener = new CliListener(output);
            try (AppContext ctx = qr.root.context(); Signer signer = signerOptions.open(ctx, listener)) {
                AirgapSigning.Prepared prepared = AirgapSigning.prepare(ctx, code, out, localCopy);
                SafeSigningSession.Signed signed = new SafeSigningSession(ctx, listener.readWith(ctx))
                        .sign(prepared.requestFile(), signer, SignatureMethod.EIP712);
                EthSignatureCode answer = AirgapSigning.answer(prepared, signed);
                List<String> parts = UrParts.encode(answer.toUr());
                io.countersign.app.session.AirgapQueue.journalExport(ctx, signed.hashes().safeTxHashHex(), prepared.requestId(),
                        "eth-signature", signed.signer());
                List<Path> pngs = writeFrames(parts, out, "signature", scale);
                ObjectNode node = output.object();
                node.put("requestId", RequestIds.format(prepared.requestId()));
                node.put("format", prepared.format());
                node.put("signer", signed.signer().toString());
                node.put("signature", signed.signature().encoded());
                node.put("safeTxHash", signed.hashes().safeTxHashHex());
                node.put("request", prepared.requestFile().toString());
                putParts(node, parts, pngs, out, "signature");
                output.result(node, "Signed by " + signed.signer() + "\n  safeTxHash " + signed.hashes().safeTxHashHex()
                        + "\n  show " + pngs.getFirst() + " to the online machine (or give it " + out.resolve("signature.txt") + ")");
            }
        }
    }

    static String utf8(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
