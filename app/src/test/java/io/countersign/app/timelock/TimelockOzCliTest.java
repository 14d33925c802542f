package io.countersign.app.timelock;

import static io.countersign.app.timelock.TimelockTestbed.args;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.countersign.app.CliRunner;
import io.countersign.eth.Address;
import io.countersign.eth.Hex;
import io.countersign.multisig.RequestFile;
import io.countersign.multisig.SafeRequest;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * docs/timelock.md through the command line, OpenZeppelin: a TimelockController whose proposer and canceller is a 2-of-3
 * Safe, driven only through the command line: schedule through the Safe (two signatures),
 * waiting, chain time advanced, ready, execute through the Safe, done and its effect on chain;
 * the same for a batch; a cancel.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TimelockOzCliTest {
    static final long MIN_DELAY = 3_600;

    @TempDir
    static Path dir;

    TimelockTestbed bed;
    Address safe;
    Address timelock;
    Address token;

    @BeforeAll
    void chain() {
        bed = new TimelockTestbed(dir);
        safe = bed.newSafe();
        // executor: the Safe (each execute needs the Safe's threshold again)
        timelock = bed.deployOz(MIN_DELAY, List.of(safe), List.of(safe));
        token = bed.tokenHeldBy(timelock, BigInteger.valueOf(1_000_000));
        bed.anvil.setBalance(timelock, BigInteger.TEN.pow(19));
    }

    @AfterAll
    void stop() {
        bed.close();
    }

    JsonNode status(String id) {
        JsonNode s = bed.ok("timelock", "status", "--timelock", timelock.toString(), "--id", id).json();
        assertEquals(id, s.get("id").asString());
        return s;
    }

    @Test
    void singleCallScheduledWaitsBecomesReadyAndExecutesThroughTheSafe() throws Exception {
        Address payee = Address.parse("0x00000000000000000000000000000000000a11ce");
        String data = Hex.encode(TimelockTestbed.transfer(payee, BigInteger.valueOf(250)));
        Path schedule = bed.file("single-schedule.json");
        JsonNode s = bed.ok("timelock", "schedule", "--timelock", timelock.toString(), "--target", token.toString(), "--value", "0",
                "--data", data, "--delay", "7200", "--via-safe", safe.toString(), "--out", schedule.toString()).json();
        String id = s.get("id").asString();
        String salt = s.get("salt").asString();
        assertTrue(s.get("safeTxHash").asString().matches("0x[0-9a-f]{64}"), s.toString());
        assertTrue(salt.matches("0x[0-9a-f]{64}") && !salt.equals("0x" + "0".repeat(64)), "a random salt: " + salt);

        // the request calls the timelock, carries the operation with its salt, and hashes to the printed safeTxHash
        SafeRequest r = RequestFile.read(schedule);
        assertEquals(timelock, r.tx().to());
        assertEquals(s.get("safeTxHash").asString(), r.hashes().safeTxHashHex());
        JsonNode meta = r.meta().get("timelock");
        assertEquals("schedule", meta.get("step").asString());
        assertEquals(salt, meta.get("salt").asString());
        assertEquals("7200", meta.get("delay").asString());
        // timelock hash with the stored salt gives the same id
        assertEquals(id, bed.ok("timelock", "hash", "--target", token.toString(), "--value", "0", "--data", data, "--salt", salt)
                .json().get("id").asString());

        assertEquals("unset", status(id).get("state").asString());
        bed.coSignAndExecute(schedule);
        JsonNode waiting = status(id);
        assertEquals("waiting", waiting.get("state").asString());
        long readyAt = waiting.get("readyAt").asLong();
        assertEquals(readyAt - bed.chainNow(), waiting.get("secondsLeft").asLong());
        assertTrue(waiting.get("readyAtUtc").asString().endsWith("UTC"), waiting.toString());

        // human status: UTC, local time and a countdown
        CliRunner.Result human = new CliRunner(bed.dataDir()).global("--rpc", bed.anvil.url())
                .run("timelock", "status", "--timelock", timelock.toString(), "--id", id);
        assertEquals(0, human.code(), human.toString());
        assertTrue(human.out().contains("waiting") && human.out().contains(" UTC") && human.out().contains("(local)")
                && human.out().contains("ready in  2 h (02:00:00)"), human.out());

        bed.anvil.increaseTime(7_200);
        assertEquals("ready", status(id).get("state").asString());

        Path execute = bed.file("single-execute.json");
        JsonNode e = bed.ok("timelock", "execute", "--from-request", schedule.toString(), "--out", execute.toString()).json();
        assertEquals(id, e.get("id").asString());
        assertEquals(salt, RequestFile.read(execute).meta().get("timelock").get("salt").asString());
        bed.coSignAndExecute(execute);

        assertEquals("done", status(id).get("state").asString());
        assertEquals(BigInteger.valueOf(250), bed.tokenBalance(token, payee));
    }

    @Test
    void batchScheduledAndExecutedThroughTheSafeFromTheBatchFileAndSalt() throws Exception {
        Address payee = Address.parse("0x00000000000000000000000000000000000b0b00");
        Address ethPayee = Address.parse("0x00000000000000000000000000000000000ca201");
        Path calls = bed.file("batch-calls.json");
        Files.writeString(calls, "[{\"target\":\"" + token + "\",\"value\":\"0\",\"data\":\""
                + Hex.encode(TimelockTestbed.transfer(payee, BigInteger.valueOf(40))) + "\"},"
                + "{\"target\":\"" + ethPayee + "\",\"value\":\"3000000000000000000\",\"data\":\"0x\"}]");
        Path schedule = bed.file("batch-schedule.json");
        JsonNode s = bed.ok("timelock", "schedule", "--timelock", timelock.toString(), "--batch", calls.toString(),
                "--via-safe", safe.toString(), "--out", schedule.toString()).json();
        String id = s.get("id").asString();
        assertTrue(s.get("batch").asBoolean());
        assertEquals(String.valueOf(MIN_DELAY), s.get("delay").asString(), "the delay defaults to getMinDelay()");
        assertEquals(id, bed.ok("timelock", "hash", "--batch", calls.toString(), "--salt", s.get("salt").asString()).json().get("id").asString());

        bed.coSignAndExecute(schedule);
        assertEquals("waiting", status(id).get("state").asString());
        JsonNode listed = bed.ok("timelock", "list", "--timelock", timelock.toString(), "--pending").json().get("operations");
        JsonNode mine = find(listed, id);
        assertEquals(2, mine.get("calls").size());
        assertEquals(s.get("salt").asString(), mine.get("salt").asString());

        bed.anvil.increaseTime(MIN_DELAY);
        assertEquals("ready", status(id).get("state").asString());
        Path execute = bed.file("batch-execute.json");
        bed.ok("timelock", "execute", "--timelock", timelock.toString(), "--batch", calls.toString(), "--salt", s.get("salt").asString(),
                "--via-safe", safe.toString(), "--out", execute.toString());
        bed.coSignAndExecute(execute);

        assertEquals("done", status(id).get("state").asString());
        assertEquals(BigInteger.valueOf(40), bed.tokenBalance(token, payee));
        assertEquals(new BigInteger("3000000000000000000"), bed.anvil.rpc().balance(ethPayee));
    }

    @Test
    void waitingOperationCancelledThroughTheSafe() throws Exception {
        Path schedule = bed.file("to-cancel-schedule.json");
        String id = bed.ok("timelock", "schedule", "--timelock", timelock.toString(), "--target", token.toString(), "--value", "0",
                "--data", Hex.encode(TimelockTestbed.transfer(safe, BigInteger.valueOf(999_999))), "--via-safe", safe.toString(),
                "--out", schedule.toString()).json().get("id").asString();
        bed.coSignAndExecute(schedule);
        assertEquals("waiting", status(id).get("state").asString());

        Path cancel = bed.file("cancel.json");
        JsonNode c = bed.ok("timelock", "cancel", "--timelock", timelock.toString(), "--id", id, "--via-safe", safe.toString(),
                "--out", cancel.toString()).json();
        assertEquals(id, c.get("id").asString());
        assertEquals("cancel", RequestFile.read(cancel).meta().get("timelock").get("step").asString());
        // the ten SafeTx fields of the request written, in --json and in text (as safe sign shows them)
        JsonNode fields = c.get("safeTx");
        assertEquals(List.of("to", "value", "data", "operation", "safeTxGas", "baseGas", "gasPrice", "gasToken", "refundReceiver",
                "nonce"), List.copyOf(fields.propertyNames()), c.toString());
        assertEquals(timelock.toString(), fields.get("to").asString());
        assertEquals(org.web3j.crypto.Hash.sha3String("cancel(bytes32)").substring(0, 10), fields.get("data").asString().substring(0, 10));
        assertEquals(0, c.get("refundFields").size());
        // its own data folder: a request left in the shared queue would take the nonce the next tests expect
        CliRunner.Result text = new CliRunner(dir.resolve("data-text")).env(TimelockTestbed.MNEMONIC_VAR, io.countersign.eth.devchain.Anvil.MNEMONIC)
                .global("--rpc", bed.anvil.url(), "--dev-mode").run("timelock", "cancel", "--timelock", timelock.toString(), "--id", id,
                        "--via-safe", safe.toString(), "--out", bed.file("cancel-text.json").toString());
        assertEquals(0, text.code(), text.toString());
        for (String field : List.of("to", "value", "data", "operation", "safeTxGas", "baseGas", "gasPrice", "gasToken", "refundReceiver",
                "nonce")) {
            assertTrue(text.out().lines().anyMatch(l -> l.trim().replaceFirst("^! ", "").startsWith(field + " ")), field + ":\n" + text);
        }
        bed.coSignAndExecute(cancel);

        assertEquals("unset", status(id).get("state").asString());
        JsonNode listed = find(bed.ok("timelock", "list", "--timelock", timelock.toString()).json().get("operations"), id);
        assertTrue(listed.get("cancelled").asBoolean(), listed.toString());
        bed.anvil.increaseTime(MIN_DELAY);
        bed.refused(bed.file("exec-cancelled.json"), "is not scheduled", args("timelock", "execute", "--from-request", schedule.toString(),
                "--out", bed.file("exec-cancelled.json").toString()));
    }

    @Test
    void executeByIdRebuildsTheOperationFromTheEventsAndCancelFromRequestNamesIt() throws Exception {
        Address payee = Address.parse("0x00000000000000000000000000000000000d0d00");
        Path schedule = bed.file("by-id-schedule.json");
        JsonNode s = bed.ok("timelock", "schedule", "--timelock", timelock.toString(), "--target", token.toString(), "--value", "0",
                "--data", Hex.encode(TimelockTestbed.transfer(payee, BigInteger.valueOf(7))), "--predecessor", "0x" + "00".repeat(32),
                "--via-safe", safe.toString(), "--out", schedule.toString()).json();
        String id = s.get("id").asString();
        bed.coSignAndExecute(schedule);

        // a cancel built from the schedule request names the same operation (not executed here)
        Path cancel = bed.file("by-id-cancel.json");
        assertEquals(id, bed.ok("timelock", "cancel", "--from-request", schedule.toString(), "--out", cancel.toString())
                .json().get("id").asString());

        bed.anvil.increaseTime(MIN_DELAY);
        Path execute = bed.file("by-id-execute.json");
        // the execute replaces the cancel, which is never executed: it takes the cancel's nonce on purpose
        JsonNode e = bed.ok("timelock", "execute", "--timelock", timelock.toString(), "--id", id, "--via-safe", safe.toString(),
                "--nonce", RequestFile.read(cancel).tx().nonce().toString(), "--out", execute.toString()).json();
        assertEquals(id, e.get("id").asString());
        assertEquals(s.get("salt").asString(), e.get("salt").asString(), "the salt comes from the CallSalt event");
        bed.coSignAndExecute(execute);
        assertEquals("done", status(id).get("state").asString());
        assertEquals(BigInteger.valueOf(7), bed.tokenBalance(token, payee));
    }

    static JsonNode find(JsonNode operations, String id) {
        for (JsonNode o : operations) {
            if (o.get("id").asString().equals(id)) {
                return o;
            }
        }
        throw new AssertionError(id + " not in " + operations);
    }
}
