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
            // a released reservation (the device refused) is not spend
            long dd = journal.append(EntryKind.DECISION, Map.of("policySpend",
                    JournalSpendLedger.payload(CHAIN, SAFE, "0xdd", spending(usdc(7))))).sequence();
            journal.append(EntryKind.RELEASE, Map.of("safeTxHash", "0xdd", "reservation", dd));
            // a decision without policySpend (a denial) is not spend
            journal.append(EntryKind.DECISION, Map.of("safeTxHash", "0xde", "decision", "deny"));
            JournalSpendLedger ledger = new JournalSpendLedger(journal);
            assertEquals(usdc(35_000), ledger.spentSince(CHAIN, SAFE, Asset.token(USDC), T0.minusSeconds(86_400)));
            assertEquals(BigInteger.ZERO, ledger.spentSince(CHAIN, SAFE, Asset.NATIVE, T0.minusSeconds(86_400)));
            assertEquals(BigInteger.ZERO, ledger.spentSince(CHAIN, SAFE, Asset.token(USDC), T0.plusSeconds(1)));
        }
    }

    /**
     * A reservation (DECISION with policySpend) counts from the moment it is committed until a
     * RELEASE names its sequence: one left open by a killed process keeps counting. A RELEASE naming
     * another sequence releases nothing, and a reservation followed by its SIGNATURE counts once.
     */
    @Test
    void anOpenReservationCountsUntilAReleaseNamesIt() {
        try (AuditJournal journal = AuditJournal.open(dir.resolve("journal.db"), Clock.fixed(T0, ZoneOffset.UTC))) {
            Instant since = T0.minusSeconds(86_400);
            JournalSpendLedger ledger = new JournalSpendLedger(journal);
            long open = journal.append(EntryKind.DECISION, Map.of("policySpend",
                    JournalSpendLedger.payload(CHAIN, SAFE, "0xaa", spending(usdc(100))))).sequence();
            assertEquals(usdc(100), ledger.spentSince(CHAIN, SAFE, Asset.token(USDC), since));
            journal.append(EntryKind.RELEASE, Map.of("safeTxHash", "0xaa", "reservation", open + 1000));
            assertEquals(usdc(100), ledger.spentSince(CHAIN, SAFE, Asset.token(USDC), since), "a RELEASE of another sequence");
            long signed = journal.append(EntryKind.DECISION, Map.of("policySpend",
                    JournalSpendLedger.payload(CHAIN, SAFE, "0xbb", spending(usdc(20))))).sequence();
            journal.append(EntryKind.SIGNATURE, Map.of("reservation", signed, "policySpend",
                    JournalSpendLedger.payload(CHAIN, SAFE, "0xbb", spending(usdc(20)))));
            assertEquals(usdc(120), ledger.spentSince(CHAIN, SAFE, Asset.token(USDC), since), "reservation and signature once");
            journal.append(EntryKind.RELEASE, Map.of("safeTxHash", "0xaa", "reservation", open));
            assertEquals(usdc(20), ledger.spentSince(CHAIN, SAFE, Asset.token(USDC), since));
        }
    }

    @Test
    void excludingARequestLeavesOutItsOwnSpendSoASecondOfficerIsNotChargedTwice() {
        try (AuditJournal journal = AuditJournal.open(dir.resolve("journal.db"), Clock.fixed(T0, ZoneOffset.UTC))) {
            String aa = "0x" + "aa".repeat(32);
            journal.append(EntryKind.SIGNATURE, Map.of("policySpend",
                    JournalSpendLedger.payload(CHAIN, SAFE, aa, spending(usdc(30_000)))));
            journal.append(EntryKind.SIGNATURE, Map.of("policySpend",
                    JournalSpendLedger.payload(CHAIN, SAFE, "0xbb", spending(usdc(5_000)))));
            JournalSpendLedger ledger = new JournalSpendLedger(journal);
            Instant since = T0.minusSeconds(86_400);
            assertEquals(usdc(35_000), ledger.spentSince(CHAIN, SAFE, Asset.token(USDC), since));
            // the hash as another tool may print it (upper case) still names the same request
            assertEquals(usdc(5_000), ledger.excluding(aa.toUpperCase().replace("0X", "0x"))
                    .spentSince(CHAIN, SAFE, Asset.token(USDC), since));
            assertEquals(usdc(30_000), ledger.excluding("0xbb").spentSince(CHAIN, SAFE, Asset.token(USDC), since));

            // the gate: a 60,000 USDC day limit; request aa (30,000) again, as the second officer
            // sees it: 30,000 + 5,000 = 35,000 is within; without the exclusion it would be 65,000
            Policy p = PolicyParser.parse("""
                    version: 1
                    timeZone: UTC
                    admins: {threshold: 1, addresses: ["%s"]}
                    scope: {chains: [%s], safes: ["%s"]}
                    tokens: [{address: "%s", symbol: USDC, decimals: 6}]
                    rules:
                      - {id: usdc-day, kind: limit, asset: USDC, perDay: "60000"}
                    """.formatted(ADMIN1.address(), CHAIN, SAFE, USDC));
            var intents = List.<io.countersign.eth.intent.Intent>of(usdcTransfer(PAYROLL, usdc(30_000)));
            Decision again = PolicyGate.of(p).evaluate(intents, GateContext.direct(CHAIN, SAFE, T0, ledger.excluding(aa)));
            assertEquals("allow", again.word(), again.reasons().toString());
            Decision counted = PolicyGate.of(p).evaluate(intents, GateContext.direct(CHAIN, SAFE, T0, ledger));
            assertEquals("deny", counted.word(), "control: counting its own spend again exceeds 60,000");
        }
    }
}
