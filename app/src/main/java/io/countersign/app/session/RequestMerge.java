package io.countersign.app.session;

import io.countersign.eth.EthException;
import io.countersign.multisig.RequestFile;
import io.countersign.multisig.SafeRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Step 7 of the pipeline, collecting: the signatures of several copies of one request (each
 * officer's file) merged into one. Every file is read with {@link RequestFile#read}, so each
 * copy's safeTxHash is recomputed and each signature recovered before it is merged; copies of
 * another SafeTx are refused. Both faces call this ({@code safe merge}, the console's File › Open
 * request files, which takes each file into the queue with {@link #intoQueue}).
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

    /**
     * What {@link #intoQueue} did with one file.
     *
     * @param queueFile the queue's file that now holds the request
     * @param added true when the request was new to the queue (written as {@code queueFile})
     * @param newSignatures signatures the queue did not have before (all of them when {@code added})
     * @param request the request as the queue now holds it
     */
    public record Taken(Path file, Path queueFile, boolean added, int newSignatures, SafeRequest request) {}

    /**
     * Takes the request file {@code file} into the queue folder {@code queue}: read with every
     * check of {@link RequestFile#read}; when a valid queue file holds the same safeTxHash, the
     * file's signatures are merged into it (rewritten atomically, and only when something is new);
     * otherwise it is added as {@code safe-<first 8 hex of the Safe>-nonce-<n>-<first 8 hex of the
     * safeTxHash>.json}, the name {@link SafeProposer} gives. A refused file changes nothing.
     *
     * @throws io.countersign.multisig.RequestFile.RequestFileException if the file is not a valid request
     * @throws CountersignException.Refused naming the file, if a signer is not an owner of the
     *     queued request, or the new request's file name is taken by another request
     */
    public static Taken intoQueue(Path queue, Path file) {
        SafeRequest incoming = RequestFile.read(file);
        String hash = incoming.hashes().safeTxHashHex();
        for (RequestQueue.Entry entry : RequestQueue.load(queue)) {
            if (!entry.ok() || !entry.request().hashes().safeTxHashHex().equals(hash)) {
                continue;
            }
            SafeRequest merged;
            try {
                merged = entry.request().merge(incoming);
            } catch (EthException e) {
                throw new CountersignException.Refused(file + ": " + e.getMessage());
            }
            int added = merged.signatures().size() - entry.request().signatures().size();
            if (added > 0) {
                RequestFile.write(merged, entry.file());
            }
            return new Taken(file, entry.file(), false, added, merged);
        }
        Path target = queue.resolve("safe-" + incoming.safe().toString().substring(2, 10).toLowerCase(Locale.ROOT)
                + "-nonce-" + incoming.tx().nonce() + "-" + hash.substring(2, 10) + ".json");
        if (Files.exists(target)) {
            throw new CountersignException.Refused(file + ": " + target + " exists and holds another request");
        }
        RequestFile.write(incoming, target);
        return new Taken(file, target, true, incoming.signatures().size(), incoming);
    }
}
