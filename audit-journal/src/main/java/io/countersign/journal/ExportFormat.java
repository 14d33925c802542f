package io.countersign.journal;

/** The formats {@link AuditJournal#export} writes. Both are UTF-8 text. */
public enum ExportFormat {
    /**
     * One JSON array of objects {@code {"sequence","time","kind","payload","previousHash",
     * "entryHash"}}, in sequence order; {@code payload} is the stored canonical JSON
     * embedded verbatim, so every entry hash can be recomputed from the export.
     */
    JSON,
    /**
     * RFC 4180 CSV with CRLF line ends and the header
     * {@code sequence,time,kind,payload,previous_hash,entry_hash}; {@code payload} is the
     * stored canonical JSON text, quoted.
     */
    CSV
}
