package io.countersign.policy;

import io.countersign.eth.Address;
import io.countersign.eth.Hex;
import io.countersign.eth.intent.Selectors;
import io.countersign.eth.intent.TokenInfo;
import io.countersign.eth.json.JsonErrors;
import java.math.BigInteger;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads the policy YAML (docs/policy.md) strictly: unknown fields, labels and symbols, a field
 * given twice in one mapping, an unquoted address and an integer out of its range are errors
 * naming the field.
 */
public final class PolicyParser {
    private static final YAMLMapper YAML = YAMLMapper.builder().build();
    /** The longest timelock delay a tier may require: 100 years in seconds. */
    static final long MAX_DELAY_SECONDS = 100L * 366 * 24 * 3600;
    /** The most officer approvals a tier may require (a Safe has at most this many owners in practice). */
    static final int MAX_APPROVALS = 1000;

    private final Map<Address, String> book = new LinkedHashMap<>();
    private final Map<String, Address> byLabel = new LinkedHashMap<>();
    private final List<TokenInfo> tokens = new ArrayList<>();

    private PolicyParser() {}

    /**
     * Parses policy YAML text.
     *
     * @throws PolicyException.InvalidPolicyException naming the first bad field
     */
    public static Policy parse(String yaml) {
        return parse(yaml, "policy");
    }

    /**
     * As {@link #parse(String)}, naming the file in a syntax error:
     * {@code "NAME: not valid YAML: PROBLEM (line L, column C)"}.
     */
    public static Policy parse(String yaml, String name) {
        JsonNode root;
        try {
            root = YAML.readTree(yaml);
        } catch (JacksonException e) {
            throw new PolicyException.InvalidPolicyException(yamlError(e, name), e);
        }
        YamlScan scan = YamlScan.of(yaml, "policy");
        return new PolicyParser().policy(new YamlNode(root, "policy", scan));
    }

    /**
     * One line for a YAML syntax error, in the shape of {@link JsonErrors#line}: the YAML parser's
     * own problem text (it names no Java class) and where it is, lines and columns from 1.
     */
    static String yamlError(JacksonException e, String name) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException m) {
                String problem = m.getProblem() == null ? "" : m.getProblem().strip();
                var mark = m.getProblemMark().or(m::getContextMark);
                if (m.getContext() != null && !m.getContext().isBlank()) {
                    problem = problem + " " + m.getContext().strip();
                }
                return JsonErrors.line(name, "YAML", problem.replaceAll("\\s+", " "),
                        mark.map(k -> k.getLine() + 1).orElse(-1), mark.map(k -> k.getColumn() + 1).orElse(-1));
            }
        }
        var l = e.getLocation();
        return JsonErrors.line(name, "YAML", "the text does not parse", l == null ? -1 : l.getLineNr(), l == null ? -1 : l.getColumnNr());
    }

    private Policy policy(YamlNode root) {
        root.object(Set.of("version", "name", "timeZone", "admins", "scope", "addressBook", "tokens", "rules"));
        long version = root.req("version").integer(1, Long.MAX_VALUE);
        ZoneId zone;
        try {
            zone = ZoneId.of(root.req("timeZone").text());
        } catch (DateTimeException e) {
            throw YamlNode.error("policy.timeZone", "not a time zone id like Europe/Berlin or UTC");
        }
        YamlNode admins = root.req("admins").object(Set.of("threshold", "addresses"));
        List<Address> adminAddresses = admins.req("addresses").list().stream().map(YamlNode::address).toList();
        AdminSet adminSet = new AdminSet(admins.req("threshold").intValue(1, Math.max(1, adminAddresses.size())),
                adminAddresses);
        YamlNode scope = root.req("scope").object(Set.of("chains", "safes"));
        Set<BigInteger> chains = new HashSet<>();
        scope.req("chains").list().forEach(c -> chains.add(BigInteger.valueOf(
                c.integer(1, io.countersign.eth.StrictJson.MAX_CHAIN_ID.longValueExact()))));
        Set<Address> safes = new HashSet<>();
        scope.req("safes").list().forEach(s -> safes.add(s.address()));
        root.opt("addressBook").ifPresent(b -> b.list().forEach(this::bookEntry));
        root.opt("tokens").ifPresent(t -> t.list().forEach(this::token));
        List<Rule> rules = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (YamlNode r : root.req("rules").list()) {
            Rule rule = rule(r);
            if (!ids.add(rule.id())) {
                throw YamlNode.error(r.path(), "rule id \"" + rule.id() + "\" is used twice");
            }
            rules.add(rule);
        }
        return new Policy(version, root.opt("name").map(YamlNode::text).orElse(""), zone, adminSet, chains, safes,
                book, tokens, rules);
    }

    private void bookEntry(YamlNode n) {
        n.object(Set.of("address", "label"));
        Address a = n.req("address").address();
        String label = n.req("label").text();
        if (book.put(a, label) != null || byLabel.put(label, a) != null) {
            throw YamlNode.error(n.path(), "address or label listed twice in addressBook");
        }
    }

    private void token(YamlNode n) {
        n.object(Set.of("address", "symbol", "decimals"));
        long decimals = n.req("decimals").integer(0, 77);
        TokenInfo t = new TokenInfo(n.req("address").address(), n.req("symbol").text(), (int) decimals);
        if (tokens.stream().anyMatch(o -> o.address().equals(t.address()) || o.symbol().equals(t.symbol()))
                || t.symbol().equalsIgnoreCase("native")) {
            throw YamlNode.error(n.path(), "token address or symbol listed twice (or named \"native\")");
        }
        tokens.add(t);
    }

    private Rule rule(YamlNode n) {
        String id = n.req("id").text();
        String kind = n.req("kind").text();
        return switch (kind) {
            case "limit" -> {
                n.object(Set.of("id", "kind", "asset", "perTransaction", "perDay", "perWeek"));
                Asset asset = asset(n.req("asset"));
                Optional<Integer> dec = decimals(asset);
                Rule.Limit l = new Rule.Limit(id, asset, n.opt("perTransaction").map(a -> amount(a, dec)),
                        n.opt("perDay").map(a -> amount(a, dec)), n.opt("perWeek").map(a -> amount(a, dec)));
                if (l.perTransaction().isEmpty() && l.perDay().isEmpty() && l.perWeek().isEmpty()) {
                    throw YamlNode.error(n.path(), "a limit needs perTransaction, perDay or perWeek");
                }
                yield l;
            }
            case "recipient-allow" -> new Rule.RecipientAllow(id, addresses(n.object(Set.of("id", "kind", "recipients")).req("recipients")));
            case "recipient-deny" -> new Rule.RecipientDeny(id, addresses(n.object(Set.of("id", "kind", "recipients")).req("recipients")));
            case "delegatecall-allow" -> new Rule.DelegatecallAllow(id, addresses(n.object(Set.of("id", "kind", "targets")).req("targets")));
            case "contract-allow" -> {
                Map<Address, Set<String>> map = new LinkedHashMap<>();
                for (YamlNode c : n.object(Set.of("id", "kind", "contracts")).req("contracts").list()) {
                    c.object(Set.of("contract", "selectors"));
                    Set<String> sels = new LinkedHashSet<>();
                    c.req("selectors").list().forEach(s -> sels.add(selector(s)));
                    map.computeIfAbsent(ref(c.req("contract")), k -> new LinkedHashSet<>()).addAll(sels);
                }
                yield new Rule.ContractAllow(id, map);
            }
            case "refund-allow" -> {
                n.object(Set.of("id", "kind", "asset", "receivers", "maxRefund", "maxTxGas"));
                Asset asset = asset(n.req("asset"));
                Set<Address> receivers = new LinkedHashSet<>();
                boolean anyExecutor = false;
                for (YamlNode r : n.req("receivers").list()) {
                    if (r.text().equals("tx.origin")) {
                        anyExecutor = true;
                    } else {
                        receivers.add(ref(r));
                    }
                }
                long maxTxGas = n.req("maxTxGas").integer(0, Long.MAX_VALUE);
                if (maxTxGas < 21_000 || maxTxGas > 1_000_000_000L) {
                    throw YamlNode.error(n.path() + ".maxTxGas", "must be the chains' block gas limit (or EIP-7825 "
                            + "transaction cap 16777216), between 21000 and 1000000000 gas");
                }
                yield new Rule.RefundAllow(id, asset, receivers, anyExecutor,
                        n.opt("maxRefund").map(a -> amount(a, decimals(asset))), maxTxGas);
            }
            case "time-window" -> {
                List<Rule.Window> windows = new ArrayList<>();
                for (YamlNode w : n.object(Set.of("id", "kind", "windows")).req("windows").list()) {
                    w.object(Set.of("days", "from", "to"));
                    Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
                    w.req("days").list().forEach(d -> days.add(day(d)));
                    windows.add(new Rule.Window(days, time(w.req("from")), time(w.req("to"))));
                }
                if (windows.isEmpty()) {
                    throw YamlNode.error(n.path(), "a time-window rule needs at least one window");
                }
                yield new Rule.TimeWindow(id, windows);
            }
            case "tier" -> {
                n.object(Set.of("id", "kind", "level", "asset", "above", "require"));
                Asset asset = asset(n.req("asset"));
                YamlNode req = n.req("require").object(Set.of("timelockDelay", "approvals"));
                List<Requirement> require = new ArrayList<>();
                req.opt("timelockDelay").ifPresent(d -> require.add(new Requirement.Timelock(d.integer(1, MAX_DELAY_SECONDS))));
                req.opt("approvals").ifPresent(a -> require.add(new Requirement.Approvals(a.intValue(1, MAX_APPROVALS))));
                if (require.isEmpty()) {
                    throw YamlNode.error(req.path(), "a tier requires timelockDelay (seconds) and/or approvals");
                }
                yield new Rule.Tier(id, n.req("level").intValue(0, Integer.MAX_VALUE), asset, amount(n.req("above"), decimals(asset)),
                        require);
            }
            default -> throw YamlNode.error(n.path() + ".kind", "unknown rule kind \"" + kind
                    + "\" (limit, recipient-allow, recipient-deny, contract-allow, delegatecall-allow, refund-allow, time-window, tier)");
        };
    }

    private BigInteger amount(YamlNode n, Optional<Integer> decimals) {
        return Amounts.parse(n.text(), decimals, n.path());
    }

    private Optional<Integer> decimals(Asset asset) {
        return asset.token().map(t -> tokens.stream().filter(i -> i.address().equals(t)).findFirst()
                .map(TokenInfo::decimals)).orElse(Optional.of(18));
    }

    private Asset asset(YamlNode n) {
        String t = n.text();
        if (t.equals("native")) {
            return Asset.NATIVE;
        }
        if (t.startsWith("0x")) {
            return Asset.token(n.address());
        }
        return tokens.stream().filter(i -> i.symbol().equals(t)).findFirst().map(i -> Asset.token(i.address()))
                .orElseThrow(() -> YamlNode.error(n.path(), "\"" + t + "\" is neither native, a token symbol under tokens, nor an address"));
    }

    private Set<Address> addresses(YamlNode list) {
        Set<Address> out = new LinkedHashSet<>();
        list.list().forEach(a -> out.add(ref(a)));
        return out;
    }

    /** An address or an address-book label. */
    private Address ref(YamlNode n) {
        String t = n.text();
        if (t.startsWith("0x") || t.startsWith("0X")) {
            return n.address();
        }
        Address a = byLabel.get(t);
        if (a == null) {
            throw YamlNode.error(n.path(), "\"" + t + "\" is not an address nor a label in addressBook");
        }
        return a;
    }

    private static String selector(YamlNode n) {
        String t = n.text().trim();
        if (t.equals("*")) {
            return "*";
        }
        if (t.contains("(")) {
            return Selectors.of(t.replace(" ", ""));
        }
        if (t.length() != 10 || !t.startsWith("0x")) {
            throw YamlNode.error(n.path(), "a selector is \"0x\" + 8 hex digits, a signature like \"transfer(address,uint256)\", or \"*\"");
        }
        return Hex.encode(Hex.decode(t, n.path()));
    }

    private static DayOfWeek day(YamlNode n) {
        String t = n.text().trim().toUpperCase(Locale.ROOT);
        for (DayOfWeek d : DayOfWeek.values()) {
            if (d.name().startsWith(t) && t.length() >= 3) {
                return d;
            }
        }
        throw YamlNode.error(n.path(), "not a day: use MON, TUE, WED, THU, FRI, SAT, SUN");
    }

    private static LocalTime time(YamlNode n) {
        String t = n.text().trim();
        if (t.equals("24:00")) {
            return LocalTime.MIDNIGHT;
        }
        try {
            return LocalTime.parse(t);
        } catch (DateTimeParseException e) {
            throw YamlNode.error(n.path(), "not a time of day HH:MM: \"" + t + "\" (quote it: YAML 1.1 reads 22:00 as a number)");
        }
    }
}
