package io.countersign.app.timelock;

import static io.countersign.app.timelock.TimelockTestbed.GRACE_PERIOD;
import static io.countersign.app.timelock.TimelockTestbed.TWO_DAYS;
import static io.countersign.app.timelock.TimelockTestbed.args;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.countersign.app.CliRunner;
import io.countersign.eth.Address;
import io.countersign.eth.Hex;
import io.countersign.multisig.RequestFile;
import java.math.BigInteger;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * docs/timelock.md through the command line, Compound: the {@code Timelock} of {@code @uniswap/governance} whose admin is
 * a 2-of-3 Safe: queue through the Safe, waiting, ready at eta, execute through the Safe, done and
 * its effect; a transaction left past its grace period shown as expired and refused; a cancel;
 * and every Compound check refused with no file written.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TimelockCompoundCliTest {
    static final String SIGNATURE = "transfer(address,uint256)";

    @TempDir
    static Path dir;

    TimelockTestbed bed;
    Address safe;
    Address timelock;
    Address token;
    int counter;

    @BeforeAll
    void chain() {
        bed = new TimelockTestbed(dir);
        safe = bed.newSafe();
        timelock = bed.deployCompound(safe, TWO_DAYS);
        token = bed.tokenHeldBy(timelock, BigInteger.valueOf(1_000_000));
    }

    @AfterAll
    void stop() {
        bed.close();
    }

    String[] tx(Address payee, long amount, long eta) {
        return args("--flavor", "compound", "--timelock", timelock.toString(), "--target", token.toString(), "--value", "0",
                "--signature", SIGNATURE, "--data", Hex.encode(TimelockTestbed.transferArgs(payee, BigInteger.valueOf(amount))),
                "--eta", String.valueOf(eta));
    }

    long eta() {
        return bed.chainNow() + TWO_DAYS + 600;
    }

    Path queued(Address payee, long amount, long eta) throws Exception {
        Path req = bed.file("queue-" + (++counter) + ".json");
        bed.ok(args("timelock", "schedule", tx(payee, amount, eta), "--via-safe", safe.toString(), "--out", req.toString()));
        bed.coSignAndExecute(req);
        return req;
    }

    JsonNode status(String txHash) {
        return bed.ok("timelock", "status", "--flavor", "compound", "--timelock", timelock.toString(), "--id", txHash).json();
    }

    static String id(Path req) {
        return RequestFile.read(req).meta().get("timelock").get("id").asString();
    }

    Path out() {
        return bed.file("refused-" + (++counter) + ".json");
    }

    @Test
    void queuedThroughTheSafeWaitsBecomesReadyAtEtaAndExecutes() throws Exception {
        Address payee = Address.parse("0x0000000000000000000000000000000000C0FFEE");
        long eta = eta();
        Path queue = bed.file("compound-queue.json");
        JsonNode q = bed.ok(args("timelock", "schedule", tx(payee, 321, eta), "--via-safe", safe.toString(), "--out", queue.toString())).json();
        String txHash = q.get("id").asString();
        assertEquals("queue", q.get("step").asString());
        assertEquals(String.valueOf(eta), q.get("eta").asString());
        assertEquals("unset", status(txHash).get("state").asString());
        bed.coSignAndExecute(queue);

        JsonNode waiting = status(txHash);
        assertEquals("waiting", waiting.get("state").asString());
        assertEquals(eta, waiting.get("readyAt").asLong());
        assertEquals(eta + GRACE_PERIOD, waiting.get("expiresAt").asLong());

        bed.anvil.increaseTime(eta - bed.chainNow());
        assertEquals("ready", status(txHash).get("state").asString());
        Path execute = bed.file("compound-execute.json");
        JsonNode byId = bed.ok("timelock", "execute", "--flavor", "compound", "--timelock", timelock.toString(), "--id", txHash,
                "--via-safe", safe.toString(), "--out", bed.file("compound-execute-by-id.json").toString()).json();
        assertEquals(String.valueOf(eta), byId.get("eta").asString(), "the transaction is read from its QueueTransaction event");
        // the same executeTransaction built a second way takes the nonce the first holds on purpose: only one will execute
        bed.ok("timelock", "execute", "--from-request", queue.toString(), "--nonce",
                RequestFile.read(bed.file("compound-execute-by-id.json")).tx().nonce().toString(), "--out", execute.toString());
        assertEquals(RequestFile.read(execute).tx(), RequestFile.read(bed.file("compound-execute-by-id.json")).tx(),
                "both ways build the same executeTransaction");
        bed.coSignAndExecute(execute);

        assertEquals("done", status(txHash).get("state").asString());
        assertEquals(BigInteger.valueOf(321), bed.tokenBalance(token, payee));
    }

    @Test
    void leftPastTheGracePeriodIsShownExpiredAndRefusedThenCancelled() throws Exception {
        Address payee = Address.parse("0x000000000000000000000000000000000000E1A5");
        long eta = eta();
        Path queue = queued(payee, 5, eta);
        String txHash = id(queue);
        bed.anvil.increaseTime(eta + GRACE_PERIOD + 1 - bed.chainNow());

        assertEquals("expired", status(txHash).get("state").asString());
        JsonNode listed = TimelockOzCliTest.find(bed.ok("timelock", "list", "--flavor", "compound", "--timelock", timelock.toString())
                .json().get("operations"), txHash);
        assertEquals("expired", listed.get("state").asString());
        CliRunner.Result human = new CliRunner(bed.dataDir()).global("--rpc", bed.anvil.url())
                .run("timelock", "status", "--flavor", "compound", "--timelock", timelock.toString(), "--id", txHash);
        assertTrue(human.out().contains("expired: it can never execute; cancel it and queue it again"), human.out());

        Path out = out();
        bed.refused(out, "transaction " + txHash + " expired at", args("timelock", "execute", "--from-request", queue.toString(),
                "--out", out.toString()));

        // the Safe cancels it by txHash alone: the transaction is read from the QueueTransaction event
        Path cancel = bed.file("compound-cancel.json");
        bed.ok("timelock", "cancel", "--flavor", "compound", "--timelock", timelock.toString(), "--id", txHash,
                "--via-safe", safe.toString(), "--out", cancel.toString());
        bed.coSignAndExecute(cancel);
        assertEquals("cancelled", status(txHash).get("state").asString());
        assertEquals(BigInteger.ZERO, bed.tokenBalance(token, payee));
    }

    @Test
    void etaTooEarlyIsRefused() {
        long early = bed.chainNow() + TWO_DAYS - 60;
        Path out = out();
        bed.refused(out, "eta " + early + " (", args("timelock", "schedule", tx(safe, 1, early), "--via-safe", safe.toString(),
                "--out", out.toString()));
        bed.refused(out, "is earlier than now + delay 172800 s (2 d)", args("timelock", "schedule", tx(safe, 1, early),
                "--via-safe", safe.toString(), "--out", out.toString()));
    }

    @Test
    void aSafeThatIsNotTheAdminIsRefused() {
        Address other = bed.newSafe();
        Path out = out();
        bed.refused(out, other + " is not the admin (the admin is " + safe + ")",
                args("timelock", "schedule", tx(safe, 2, eta()), "--via-safe", other.toString(), "--out", out.toString()));
    }

    @Test
    void executeBeforeEtaIsRefusedSayingWhen() throws Exception {
        long eta = eta();
        Path queue = queued(safe, 3, eta);
        Path out = out();
        bed.refused(out, "is not ready: it can be executed from " + TimelockTimes.utc(eta),
                args("timelock", "execute", "--from-request", queue.toString(), "--out", out.toString()));
    }

    @Test
    void queuedTwiceAndNeverQueuedAreRefused() throws Exception {
        long eta = eta();
        Path queue = queued(safe, 4, eta);
        Path out = out();
        bed.refused(out, "operation " + id(queue) + " is already scheduled (queued, eta",
                args("timelock", "schedule", tx(safe, 4, eta), "--via-safe", safe.toString(), "--out", out.toString()));
        bed.refused(out, "is not scheduled on this timelock (never queued)",
                args("timelock", "execute", tx(safe, 4, eta + 1), "--via-safe", safe.toString(), "--out", out.toString()));
        bed.refused(out, "is not scheduled on this timelock", args("timelock", "cancel", tx(safe, 4, eta + 1),
                "--via-safe", safe.toString(), "--out", out.toString()));
    }

    @Test
    void setDelayOutsideTheBoundsIsRefused() {
        Path out = out();
        String[] setDelay = args("--flavor", "compound", "--timelock", timelock.toString(), "--target", timelock.toString(), "--value", "0",
                "--signature", "setDelay(uint256)", "--data", "0x" + String.format("%064x", 3_600), "--eta", String.valueOf(eta()));
        bed.refused(out, "delay 3600 s (1 h) is below", args("timelock", "schedule", setDelay, "--via-safe", safe.toString(),
                "--out", out.toString()));
    }

    @Test
    void openZeppelinOptionsAreAUsageErrorWithCompound() {
        Path out = out();
        CliRunner.Result r = bed.cli().run(args("timelock", "schedule", tx(safe, 1, eta()), "--salt", "0x" + "00".repeat(32),
                "--via-safe", safe.toString(), "--out", out.toString()));
        assertEquals(2, r.code(), r.toString());
        CliRunner.Result noEta = bed.cli().run(args("timelock", "schedule", "--flavor", "compound", "--timelock", timelock.toString(),
                "--target", token.toString(), "--data", "0x", "--via-safe", safe.toString(), "--out", out.toString()));
        assertEquals(2, noEta.code(), noEta.toString());
        assertTrue(noEta.err().contains("needs --eta"), noEta.err());
    }
}
