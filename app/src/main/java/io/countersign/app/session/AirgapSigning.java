package io.countersign.app.session;

import io.countersign.airgap.AirgapCode;
import io.countersign.airgap.AirgapException;
import io.countersign.airgap.EthSignRequest;
import io.countersign.airgap.EthSignatureCode;
import io.countersign.airgap.RequestIds;
import io.countersign.airgap.SafeTxSignData;
import io.countersign.airgap.SignatureMatch;
import io.countersign.eth.Address;
import io.countersign.eth.Bip32Path;
import io.countersign.multisig.RequestFile;
import io.countersign.multisig.SafeRequest;
import io.countersign.multisig.SafeState;
import io.countersign.multisig.SafeVersion;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Signing across an air gap (docs/airgap.md), for both faces: turning a scanned code into a
 * request file the ordinary {@link SafeSigningSession} signs, answering with an ERC-4527
 * {@code eth-signature}, and adding a returned {@code eth-signature} to a request after checking
 * it like any other signature.
 */
public final class AirgapSigning {
    private AirgapSigning() {}

    /**
     * A request ready for {@link SafeSigningSession#sign}.
     *
     * @param requestFile the request file written for the session (signed in place)
     * @param requestId the id the answer carries (16 bytes)
     * @param expectedSigner the address the requester asked to sign, or null
     */
    public record Prepared(Path requestFile, byte[] requestId, Address expectedSigner, Bip32Path requestedPath, String format) {}

    /**
     * Writes the request a code carries to {@code outDir/request.json}: a Countersign request as
     * is; an {@code eth-sign-request} of SafeTx typed data as a request for that Safe, its version
     * (and owners, by the session) read from the chain when online, else taken from
     * {@code localCopy}, a request file of the same safeTxHash the officer already has.
     *
     * @throws CountersignException.Refused for a code that is not a signing request, a data type
     *     other than SafeTx typed data, a local copy of another transaction, or a Safe whose
     *     version does not hash the typed data as given
     */
    public static Prepared prepare(AppContext ctx, AirgapCode code, Path outDir, Path localCopy) {
        try {
            Files.createDirectories(outDir);
        } catch (java.io.IOException e) {
            throw new CountersignException.Refused("cannot create " + outDir + ": " + e.getMessage());
        }
        Path file = outDir.resolve("request.json");
        switch (code) {
            case AirgapCode.Request r -> {
                RequestFile.write(r.request(), file);
                return new Prepared(file, RequestIds.forSafeTxHash(r.request().hashes().safeTxHash()), null, null, "countersign");
            }
            case AirgapCode.SignRequest s -> {
                EthSignRequest req = s.request();
                if (req.dataType() != EthSignRequest.DataType.TYPED_DATA) {
                    throw new CountersignException.Refused("this eth-sign-request is data type " + req.dataType().code + " ("
                            + req.dataType().id + "): `qr sign` signs Safe transactions, which travel as typed data (data type 2); "
                            + "nothing was signed");
                }
                SafeTxSignData.Parsed parsed;
                try {
                    parsed = SafeTxSignData.parse(req.signData(), req.chainId());
                } catch (AirgapException e) {
                    throw new CountersignException.Refused(e.getMessage());
                }
                SafeRequest request;
                if (localCopy != null) {
                    SafeRequest local = RequestFile.read(localCopy);
                    if (!java.util.Arrays.equals(local.hashes().safeTxHash(), parsed.safeTxHash())) {
                        throw new CountersignException.Refused(localCopy + " is another transaction (safeTxHash "
                                + local.hashes().safeTxHashHex() + ") than the scanned request (" + io.countersign.eth.Hex.encode(parsed.safeTxHash())
                                + "); nothing was signed");
                    }
                    request = local;
                } else {
                    SafeVersion version = parsed.versions().getLast();
                    var rpc = ctx.rpcIfOnline();
                    if (rpc.isPresent()) {
                        SafeState state = SafeState.read(rpc.get(), parsed.safe());
                        version = state.version();
                    }
                    try {
                        request = parsed.toRequest(version, req.chainId());
                    } catch (AirgapException e) {
                        throw new CountersignException.Refused(e.getMessage());
                    }
                    var meta = request.meta();
                    if (req.origin() != null) {
                        meta.put("description", "QR request from " + req.origin());
                    }
                    request = new SafeRequest(request.chainId(), request.safe(), request.safeVersion(), request.tx(), request.owners(),
                            request.threshold(), request.signatures(), meta);
                }
                RequestFile.write(request, file);
                byte[] id = req.requestId() != null ? req.requestId() : RequestIds.forSafeTxHash(parsed.safeTxHash());
                return new Prepared(file, id, req.address(), req.path(), "eth-sign-request");
            }
            case AirgapCode.Signature sig -> throw new CountersignException.Refused(
                    "this is an eth-signature (an answer), not a request to sign: merge it with `safe merge REQ FILE`");
            case AirgapCode.HdKey k -> throw new CountersignException.Refused(
                    "this is a crypto-hdkey (an account key), not a request to sign");
        }
    }

    /**
     * The {@code eth-signature} answering a prepared request.
     *
     * @throws CountersignException.BadSignature if the requester named another signer
     */
    public static EthSignatureCode answer(Prepared p, SafeSigningSession.Signed signed) {
        if (p.expectedSigner() != null && !p.expectedSigner().equals(signed.signer())) {
            throw new CountersignException.BadSignature("the request asks " + p.expectedSigner() + " to sign, but the key signed as "
                    + signed.signer() + " (check --path; the request's is " + p.requestedPath() + ")");
        }
        return new EthSignatureCode(p.requestId(), SignatureMatch.bytesOf(signed.signature()), "countersign");
    }

    /**
     * Adds a returned signature to a request: matched by request-id or recovery, checked
     * against the owners (the chain's when online, else the file's).
     *
     * @throws CountersignException.Refused with the reason; nothing is written
     */
    public static SignatureMatch.Matched check(AppContext ctx, SafeRequest request, EthSignatureCode code) {
        List<Address> owners = OnlineSafeChecks.owners(ctx, request, "nothing was merged");
        try {
            return SignatureMatch.match(request, code, owners);
        } catch (AirgapException e) {
            throw new CountersignException.Refused(e.getMessage());
        }
    }

    /** An ERC-4527 request for a Countersign request's SafeTx, with the request id derived from its safeTxHash. */
    public static EthSignRequest signRequestFor(SafeRequest r, Bip32Path path, byte[] sourceFingerprint, Address signer) {
        return new EthSignRequest(RequestIds.forSafeTxHash(r.hashes().safeTxHash()), SafeTxSignData.of(r),
                EthSignRequest.DataType.TYPED_DATA, r.chainId(), path, sourceFingerprint, signer, "countersign");
    }
}
