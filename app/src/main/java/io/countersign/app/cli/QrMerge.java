package io.countersign.app.cli;

import com.sparrowwallet.hummingbird.UR;
import io.countersign.airgap.AirgapCode;
import io.countersign.airgap.AirgapException;
import io.countersign.airgap.CodeFiles;
import io.countersign.airgap.SignatureMatch;
import io.countersign.app.session.AirgapSigning;
import io.countersign.app.session.AppContext;
import io.countersign.app.session.CountersignException;
import io.countersign.multisig.SafeRequest;
import java.nio.file.Path;
import java.util.List;

/** {@code safe merge REQ FILE…} where a FILE is an {@code eth-signature} code (QR images or ur: text). */
final class QrMerge {
    private QrMerge() {}

    /**
     * Adds every eth-signature in {@code file} to {@code request}, each matched and checked by
     * {@link AirgapSigning#check}; {@code notes} gets one line per signature.
     *
     * @throws CountersignException.Refused naming the file and the reason
     */
    static SafeRequest add(CountersignCommand root, SafeRequest request, Path file, List<String> notes) {
        return add(root, request, file, notes, new java.util.ArrayList<>());
    }

    /** A signature taken from a code, to journal as COLLECT once the merge is about to be written. */
    record Collected(SignatureMatch.Matched match, io.countersign.airgap.EthSignatureCode code) {}

    /** As {@link #add(CountersignCommand, SafeRequest, Path, List)}; {@code collected} gets each signature added. */
    static SafeRequest add(CountersignCommand root, SafeRequest request, Path file, List<String> notes, List<Collected> collected) {
        List<UR> codes;
        try {
            codes = CodeFiles.codes(CodeFiles.parts(file));
        } catch (AirgapException e) {
            throw new CountersignException.Refused(e.getMessage() + "; nothing was merged");
        }
        SafeRequest merged = request;
        try (AppContext ctx = root.context()) {
            for (UR ur : codes) {
                AirgapCode code;
                try {
                    code = AirgapCode.of(ur);
                } catch (AirgapException e) {
                    throw new CountersignException.Refused(file + ": " + e.getMessage() + "; nothing was merged");
                }
                if (!(code instanceof AirgapCode.Signature sig)) {
                    throw new CountersignException.Refused(file + ": holds a ur:" + code.urType()
                            + ", not an eth-signature; nothing was merged");
                }
                SignatureMatch.Matched m;
                try {
                    m = AirgapSigning.check(ctx, merged, sig.signature());
                } catch (CountersignException.Refused e) {
                    throw new CountersignException.Refused(file + ": " + e.getMessage());
                }
                if (merged.signers().contains(m.signature().signer())) {
                    notes.add(m.signature().signer() + " (already signed)");
                    continue;
                }
                try {
                    merged = merged.withSignature(m.signature());
                } catch (io.countersign.eth.EthException e) {
                    throw new CountersignException.Refused(file + ": " + e.getMessage() + "; nothing was merged");
                }
                notes.add(m.signature().signer() + " (matched by " + m.by() + ")");
                collected.add(new Collected(m, sig.signature()));
            }
        }
        return merged;
    }

    /**
     * Journals each collected signature as COLLECT (journal first: call before the merged file is
     * written), the request being {@code merged} and its file {@code out}.
     */
    static void journal(CountersignCommand root, SafeRequest merged, Path out, List<Collected> collected) {
        if (collected.isEmpty()) {
            return;
        }
        try (AppContext ctx = root.context()) {
            for (Collected c : collected) {
                io.countersign.app.session.AirgapQueue.journalCollect(ctx, merged, c.match(), c.code(), out);
            }
        }
    }
}
