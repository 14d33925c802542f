package io.countersign.policy;

import static io.countersign.policy.Fixtures.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.countersign.journal.AuditJournal;
import io.countersign.journal.EntryKind;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ledger over a real SQLite journal file. */
class JournalSpendLedgerTest {
    static final Instant T0 = Instant.parse("2025-06-11T08:00:00Z");

    @TempDir
    Path dir;

    static Decision spending(BigInteger usdcBase) {
        return new Decision.Allow(List.of(), Map.of(Asset.token(USDC), usdcBase));
    }

    @Test
    void sumsSignedSpendOncePerSafeTxHashWithinTheWindow() {
        try (AuditJournal journal = AuditJournal.open(dir.resolve("journal.db"), Clock.fixed(T0, ZoneOffset.UTC))) {
            journal.append(EntryKind.SIGNATURE, Map.of("policySpend",
                    JournalSpendLedger.payload(CHAIN, SAFE, "0xaa", spending(usdc(30_000)))));
            // a second officer signs the same request: not counted again
            journal.append(EntryKind.SIGNATURE, Map.of("policySpend",
                    JournalSpendLedger.payload(CHAIN, SAFE, "0xaa", spending(usdc(30_000)))));
            journal.append(EntryKind.SIGNATURE, Map.of("policySpend",
                    JournalSpendLedger.payload(CHAIN, SAFE, "0xbb", spending(usdc(5_000)))));
            // another Safe's spend is not this Safe's
            journal.append(EntryKind.SIGNATURE, Map.of("policySpend",
                    JournalSpendLedger.payload(CHAIN, MALLORY, "0xcc", spending(usdc(1)))));
            // a decision alone is not spend
            journal.append(EntryKind.DECISION, Map.of("policySpend",
                    JournalSpendLedger.payload(CHAIN, SAFE, "0xdd", spending(usdc(7)))));
            JournalSpendLedger ledger = new JournalSpendLedger(journal);
            assertEquals(usdc(35_000), ledger.spentSince(CHAIN, SAFE, Asset.token(USDC), T0.minusSeconds(86_400)));
            assertEquals(BigInteger.ZERO, ledger.spentSince(CHAIN, SAFE, Asset.NATIVE, T0.minusSeconds(86_400)));
            assertEquals(BigInteger.ZERO, ledger.spentSince(CHAIN, SAFE, Asset.token(USDC), T0.plusSeconds(1)));
        }
    }
}
