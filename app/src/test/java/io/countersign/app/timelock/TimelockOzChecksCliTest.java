package io.countersign.app.timelock;

import static io.countersign.app.timelock.TimelockTestbed.args;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.countersign.app.CliRunner;
import io.countersign.eth.Address;
import io.countersign.multisig.RequestFile;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every OpenZeppelin check through the command line: exit 1, one clear line on stderr, and no
 * request file. Operations are scheduled directly by the proposer account of a second timelock
 * where the test needs chain state fast, and through the Safe where the Safe's role matters.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TimelockOzChecksCliTest {
    static final long MIN_DELAY = 3_600;

    @TempDir
    static Path dir;

    TimelockTestbed bed;
    Address safe;
    Address otherSafe;
    Address timelock;
    Address target = Address.parse("0x000000000000000000000000000000000000bEEF");
    int counter;

    @BeforeAll
    void chain() {
        bed = new TimelockTestbed(dir);
        safe = bed.newSafe();
        otherSafe = bed.newSafe();
        // proposer (and so canceller) and executor: the Safe only
        timelock = bed.deployOz(MIN_DELAY, List.of(safe), List.of(safe));
    }

    @AfterAll
    void stop() {
        bed.close();
    }

    Path out() {
        return bed.file("refused-" + (++counter) + ".json");
    }

    String[] call(String data) {
        return args("--timelock", timelock.toString(), "--target", target.toString(), "--value", "0", "--data", data);
    }

    /** Schedules through the Safe and returns the schedule request (its meta has the salt). */
    Path scheduled(String data, String... extra) throws Exception {
        Path req = bed.file("ok-" + (++counter) + ".json");
        bed.ok(args("timelock", "schedule", call(data), extra, "--via-safe", safe.toString(), "--out", req.toString()));
        bed.coSignAndExecute(req);
        return req;
    }

    static String id(Path req) {
        return RequestFile.read(req).meta().get("timelock").get("id").asString();
    }

    static String salt(Path req) {
        return RequestFile.read(req).meta().get("timelock").get("salt").asString();
    }

    @Test
    void delayBelowTheMinimumIsRefusedNamingBoth() {
        Path out = out();
        bed.refused(out, "delay 3599 s (59 min 59 s) is below the timelock's minimum delay 3600 s (1 h)",
                args("timelock", "schedule", call("0x01"), "--delay", "3599", "--via-safe", safe.toString(), "--out", out.toString()));
    }

    @Test
    void safeWithoutTheProposerRoleIsRefused() {
        Path out = out();
        bed.refused(out, otherSafe + " lacks PROPOSER_ROLE on timelock " + timelock,
                args("timelock", "schedule", call("0x02"), "--via-safe", otherSafe.toString(), "--out", out.toString()));
    }

    @Test
    void safeWithoutTheCancellerRoleIsRefused() throws Exception {
        Path req = scheduled("0x03");
        Path out = out();
        bed.refused(out, otherSafe + " lacks CANCELLER_ROLE", args("timelock", "cancel", "--timelock", timelock.toString(),
                "--id", id(req), "--via-safe", otherSafe.toString(), "--out", out.toString()));
    }

    @Test
    void safeWithoutTheExecutorRoleIsRefusedWhenTheRoleIsNotOpen() throws Exception {
        Path req = scheduled("0x04");
        bed.anvil.increaseTime(MIN_DELAY);
        Path out = out();
        bed.refused(out, otherSafe + " lacks EXECUTOR_ROLE (and the executor role is not open to address(0))",
                args("timelock", "execute", "--from-request", req.toString(), "--via-safe", otherSafe.toString(), "--out", out.toString()));
    }

    @Test
    void predecessorNeverScheduledIsRefusedAtSchedule() {
        Path out = out();
        String unknown = "0x" + "ab".repeat(32);
        bed.refused(out, "predecessor " + unknown + " is unset", args("timelock", "schedule", call("0x05"), "--predecessor", unknown,
                "--via-safe", safe.toString(), "--out", out.toString()));
    }

    @Test
    void predecessorNotDoneIsRefusedAtExecute() throws Exception {
        Path first = scheduled("0x06");
        Path second = scheduled("0x07", "--predecessor", id(first));
        bed.anvil.increaseTime(MIN_DELAY);
        Path out = out();
        bed.refused(out, "predecessor " + id(first) + " is ready", args("timelock", "execute", "--from-request", second.toString(),
                "--out", out.toString()));
    }

    @Test
    void executeBeforeReadyAtIsRefusedSayingWhen() throws Exception {
        Path req = scheduled("0x08");
        long readyAt = bed.ok("timelock", "status", "--timelock", timelock.toString(), "--id", id(req)).json().get("readyAt").asLong();
        Path out = out();
        CliRunner.Result r = bed.refused(out, "operation " + id(req) + " is not ready: it can be executed from " + TimelockTimes.utc(readyAt),
                args("timelock", "execute", "--from-request", req.toString(), "--out", out.toString()));
        assertTrue(r.err().contains(", in 59 min") || r.err().contains(", in 1 h"), r.err());
    }

    @Test
    void sameOperationScheduledTwiceIsRefused() throws Exception {
        Path req = scheduled("0x09");
        Path out = out();
        bed.refused(out, "operation " + id(req) + " is already scheduled (waiting, ready at",
                args("timelock", "schedule", call("0x09"), "--salt", salt(req), "--via-safe", safe.toString(), "--out", out.toString()));
    }

    @Test
    void doneOperationCannotBeScheduledOrExecutedAgain() throws Exception {
        Path req = scheduled("0x0a");
        bed.anvil.increaseTime(MIN_DELAY);
        Path exec = bed.file("exec-0a.json");
        bed.ok("timelock", "execute", "--from-request", req.toString(), "--out", exec.toString());
        bed.coSignAndExecute(exec);
        Path out = out();
        bed.refused(out, "operation " + id(req) + " has already been executed",
                args("timelock", "schedule", call("0x0a"), "--salt", salt(req), "--via-safe", safe.toString(), "--out", out.toString()));
        bed.refused(out, "operation " + id(req) + " has already been executed",
                args("timelock", "execute", "--from-request", req.toString(), "--out", out.toString()));
        bed.refused(out, "operation " + id(req) + " has already been executed",
                args("timelock", "cancel", "--timelock", timelock.toString(), "--id", id(req), "--via-safe", safe.toString(), "--out", out.toString()));
    }

    @Test
    void executeOrCancelOfAnOperationNeverScheduledIsRefused() {
        Path out = out();
        String salt = "0x" + "11".repeat(32);
        bed.refused(out, "is not scheduled on this timelock (never scheduled, or cancelled)",
                args("timelock", "execute", call("0x0b"), "--salt", salt, "--via-safe", safe.toString(), "--out", out.toString()));
        bed.refused(out, "is not scheduled on this timelock", args("timelock", "cancel", "--timelock", timelock.toString(),
                "--id", "0x" + "22".repeat(32), "--via-safe", safe.toString(), "--out", out.toString()));
    }

    @Test
    void editedSaltInTheScheduleRequestIsRefused() throws Exception {
        Path req = scheduled("0x0c");
        Path edited = bed.file("edited-salt.json");
        Files.writeString(edited, Files.readString(req).replace(salt(req), "0x" + "33".repeat(32)));
        Path out = out();
        bed.refused(out, "does not match the operation the request stores: the file was edited",
                args("timelock", "execute", "--from-request", edited.toString(), "--out", out.toString()));
    }

    @Test
    void usageMistakesExitTwoAndWriteNothing() {
        Path out = out();
        for (String[] a : List.of(
                args("timelock", "execute", call("0x0d"), "--via-safe", safe.toString(), "--out", out.toString()),
                args("timelock", "schedule", call("0x0d"), "--eta", "5", "--via-safe", safe.toString(), "--out", out.toString()),
                args("timelock", "schedule", "--timelock", timelock.toString(), "--via-safe", safe.toString(), "--out", out.toString()),
                args("timelock", "schedule", call("0x0d"), "--out", out.toString()),
                args("timelock", "schedule", call("0x0d"), "--flavor", "governor", "--via-safe", safe.toString(), "--out", out.toString()))) {
            CliRunner.Result r = bed.cli().run(a);
            assertEquals(2, r.code(), r.toString());
            assertFalse(Files.exists(out));
        }
    }

    @Test
    void offlineIsRefusedBeforeAnyNetwork() {
        Path out = out();
        CliRunner.Result r = new CliRunner(bed.dataDir()).run(args("timelock", "schedule", call("0x0e"), "--via-safe", safe.toString(),
                "--out", out.toString(), "--offline"));
        assertEquals(2, r.code(), r.toString());
        assertTrue(r.err().contains("cannot run --offline"), r.err());
        assertFalse(Files.exists(out));
    }

    @Test
    void aWrongHexDataIsAClearError() {
        Path out = out();
        CliRunner.Result r = bed.cli().run(args("timelock", "schedule", "--timelock", timelock.toString(), "--target", target.toString(),
                "--value", "0", "--data", "0xzz", "--via-safe", safe.toString(), "--out", out.toString()));
        assertEquals(1, r.code(), r.toString());
        assertTrue(r.err().contains("--data"), r.err());
        assertFalse(Files.exists(out));
    }
}
