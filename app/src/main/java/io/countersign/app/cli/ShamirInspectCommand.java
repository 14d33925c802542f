package io.countersign.app.cli;

import io.countersign.app.shamir.ShareCheck;
import io.countersign.app.shamir.ShareCollector;
import io.countersign.shamir.CeremonyStatus;
import io.countersign.shamir.Share;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code countersign shamir inspect}: each share's fields and checksum, and whether the set
 * suffices. Needs no passphrase and reconstructs nothing. Exit 1 when a share is refused.
 */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = {"Check SLIP-39 shares from stdin (one per line) without combining them:",
            "each share's identifier, flags, group and member numbers and thresholds, checksum,",
            "and which groups are complete. Needs no passphrase."})
final class ShamirInspectCommand implements Callable<Integer> {
    @ParentCommand
    ShamirCommand shamir;

    @Override
    public Integer call() {
        Output out = shamir.root.output();
        List<String> lines = ShamirCommand.readShares(out);
        ShareCollector collector = new ShareCollector();
        var node = out.object();
        var sharesNode = node.putArray("shares");
        StringBuilder human = new StringBuilder();
        boolean allGood = true;
        for (String line : lines) {
            ShareCheck check = collector.offer(line);
            ObjectNode s = sharesNode.addObject();
            s.put("position", check.position());
            s.put("words", line.split("\\s+").length);
            human.append("share ").append(check.position()).append(": ");
            switch (check) {
                case ShareCheck.Accepted a -> {
                    fields(s, a.share());
                    s.put("valid", true);
                    s.put("checksumValid", true);
                    human.append("ok, checksum valid · ").append(describe(a.share()));
                }
                case ShareCheck.Repeated r -> {
                    fields(s, r.share());
                    s.put("valid", true);
                    s.put("checksumValid", true);
                    s.put("sameAs", r.sameAs());
                    human.append("ok, checksum valid · the same share as share ").append(r.sameAs())
                            .append(" (counted once) · ").append(describe(r.share()));
                }
                case ShareCheck.Rejected x -> {
                    allGood = false;
                    if (x.share() != null) {
                        fields(s, x.share());
                        s.put("checksumValid", true);
                    } else if (x.checksumFailed()) {
                        s.put("checksumValid", false);
                    } else {
                        s.putNull("checksumValid");
                    }
                    s.put("valid", false);
                    s.put("error", x.reason());
                    human.append("REFUSED · ").append(stripPrefix(x.reason(), x.position()));
                    if (x.share() != null) {
                        human.append("\n         ").append(describe(x.share()));
                    }
                }
            }
            human.append('\n');
        }
        var status = collector.status();
        node.put("complete", status.map(CeremonyStatus::isComplete).orElse(false));
        if (status.isPresent()) {
            CeremonyStatus st = status.get();
            node.put("identifier", st.identifier());
            node.put("groupThreshold", st.groupThreshold());
            node.put("groupCount", st.groupCount());
            node.put("status", st.summary());
            node.put("needs", ShareCollector.shortfall(st));
            var groups = node.putArray("groups");
            st.groups().forEach(g -> groups.addObject().put("group", g.groupIndex() + 1).put("memberThreshold", g.memberThreshold())
                    .put("given", g.sharesGiven()).put("complete", g.complete()).put("missing", g.missing()));
            human.append("\nstatus: ").append(st.summary()).append('\n');
            human.append(st.isComplete() ? "complete: these shares suffice to combine" : ShareCollector.shortfall(st));
            if (!allGood) {
                human.append("\n(refused shares are not counted)");
            }
        } else {
            node.putNull("status");
            human.append("\nno valid share");
        }
        out.result(node, human.toString());
        return allGood ? 0 : 1;
    }

    private static void fields(ObjectNode s, Share share) {
        s.put("identifier", share.identifier());
        s.put("extendable", share.extendable());
        s.put("iterationExponent", share.iterationExponent());
        s.put("groupIndex", share.groupIndex());
        s.put("group", share.groupIndex() + 1);
        s.put("groupThreshold", share.groupThreshold());
        s.put("groupCount", share.groupCount());
        s.put("memberIndex", share.memberIndex());
        s.put("member", share.memberIndex() + 1);
        s.put("memberThreshold", share.memberThreshold());
        s.put("bits", share.valueLength() * 8);
    }

    static String describe(Share s) {
        return "identifier " + s.identifier() + " · " + (s.extendable() ? "extendable" : "not extendable")
                + " · iteration exponent " + s.iterationExponent()
                + " · group " + (s.groupIndex() + 1) + " of " + s.groupCount() + " (group threshold " + s.groupThreshold() + ")"
                + " · member " + (s.memberIndex() + 1) + " (member threshold " + s.memberThreshold() + ")"
                + " · " + s.valueLength() * 8 + " bits";
    }

    /** "share 3: invalid checksum" is printed after "share 3: ", so drop the repeat. */
    private static String stripPrefix(String reason, int position) {
        String p = "share " + position + ": ";
        return reason.startsWith(p) ? reason.substring(p.length()) : reason;
    }
}
