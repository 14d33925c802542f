package io.countersign.eth.devchain;

import io.countersign.eth.Hex;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** Reads official build artifacts (Hardhat/Truffle JSON) from an npm {@code node_modules} folder. */
public final class Artifacts {
    private final Path nodeModules;

    public Artifacts(Path nodeModules) {
        this.nodeModules = nodeModules;
    }

    public static final String SAFE = "@safe-global/safe-contracts/build/artifacts/contracts/Safe.sol/Safe.json";
    public static final String SAFE_L2 = "@safe-global/safe-contracts/build/artifacts/contracts/SafeL2.sol/SafeL2.json";
    public static final String SAFE_PROXY_FACTORY = "@safe-global/safe-contracts/build/artifacts/contracts/proxies/SafeProxyFactory.sol/SafeProxyFactory.json";
    public static final String MULTI_SEND_CALL_ONLY = "@safe-global/safe-contracts/build/artifacts/contracts/libraries/MultiSendCallOnly.sol/MultiSendCallOnly.json";
    public static final String MULTI_SEND = "@safe-global/safe-contracts/build/artifacts/contracts/libraries/MultiSend.sol/MultiSend.json";
    public static final String FALLBACK_HANDLER = "@safe-global/safe-contracts/build/artifacts/contracts/handler/CompatibilityFallbackHandler.sol/CompatibilityFallbackHandler.json";
    /** Safe's own test token: mints 1,000,000 tokens (18 decimals) to the deployer. */
    public static final String ERC20_TOKEN = "@safe-global/safe-contracts/build/artifacts/contracts/test/ERC20Token.sol/ERC20Token.json";
    public static final String OZ_TIMELOCK = "@openzeppelin/contracts/build/contracts/TimelockController.json";
    public static final String COMPOUND_TIMELOCK = "@uniswap/governance/build/Timelock.json";

    /** The artifact's creation bytecode. */
    public byte[] bytecode(String relative) {
        JsonNode node = read(relative).get("bytecode");
        String hex = node.isObject() ? node.get("object").asText() : node.asText();
        if (hex.isEmpty() || hex.equals("0x")) {
            throw new IllegalStateException(relative + " has no bytecode (abstract contract?)");
        }
        return Hex.decode(hex, relative);
    }

    /** The whole artifact JSON. */
    public JsonNode read(String relative) {
        Path file = nodeModules.resolve(relative);
        try {
            return new ObjectMapper().readTree(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read artifact " + file + ": run `npm ci` in testchain/ of the source checkout", e);
        }
    }
}
