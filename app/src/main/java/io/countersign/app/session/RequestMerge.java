package io.countersign.app.session;

import io.countersign.eth.EthException;
import io.countersign.multisig.RequestFile;
import io.countersign.multisig.SafeRequest;
import java.nio.file.Path;
import java.util.List;

/**
 * Step 7 of the pipeline, collecting: the signatures of several copies of one request (each
 * officer's file) merged into one. Every file is read with {@link RequestFile#read}, so each
 * copy's safeTxHash is recomputed and each signature recovered before it is merged; copies of
 * another SafeTx are refused. Both faces call this ({@code safe merge}, the console's merge).
 */
public final class RequestMerge {
    private RequestMerge() {}

    /**
     * The first file's request with every other file's signatures added (one per owner).
     *
     * @param files at least one request file; the first gives the fields and {@code meta}
     * @throws io.countersign.multisig.RequestFile.RequestFileException if a file is not a valid request
     * @throws CountersignException.Refused naming the file whose request is for another SafeTx
     *     (its safeTxHash differs) or holds a signer the first file's owner list does not have
     */
    public static SafeRequest merge(List<Path> files) {
        if (files.isEmpty()) {
            throw new CountersignException.Usage("give at least one request file to merge");
        }
        SafeRequest merged = RequestFile.read(files.getFirst());
        for (Path p : files.subList(1, files.size())) {
            merged = add(merged, p);
        }
        return merged;
    }

    /**
     * {@code merged} with the signatures of the request file {@code file} added (a face that
     * also takes other carriers, such as the command line's QR code files, calls this per file).
     *
     * @throws io.countersign.multisig.RequestFile.RequestFileException if the file is not a valid request
     * @throws CountersignException.Refused naming the file, if it is for another SafeTx
     */
    public static SafeRequest add(SafeRequest merged, Path file) {
        try {
            return merged.merge(RequestFile.read(file));
        } catch (EthException e) {
            throw new CountersignException.Refused(file + ": " + e.getMessage());
        }
    }

    /**
     * {@link #merge} and writes the result to {@code out} (temporary file and atomic move: a
     * failure leaves {@code out} as it was).
     *
     * @return the merged request as written
     */
    public static SafeRequest mergeInto(List<Path> files, Path out) {
        SafeRequest merged = merge(files);
        RequestFile.write(merged, out);
        return merged;
    }
}
