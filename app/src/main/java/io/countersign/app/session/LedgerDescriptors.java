package io.countersign.app.session;

import io.countersign.eth.Hex;
import io.countersign.eth.Signer;
import io.countersign.hw.ledger.LedgerEthApp;
import io.countersign.hw.ledger.LedgerSigner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Descriptors signed by Ledger's service that let the Ethereum app show what a transaction does
 * (a token's ticker and decimals, a plugin, an NFT collection). Ledger Live fetches them at signing
 * time; Countersign never goes online for them, so an officer brings them in a file:
 * {@code [{"kind":"erc20"|"plugin"|"external-plugin"|"nft","data":"0x…"}]}, sent in file order.
 * The device checks Ledger's signature on each; a forged one is refused by the device.
 */
public final class LedgerDescriptors {
    /** What a descriptor configures, with the Ethereum app instruction that carries it. */
    public enum Kind {
        /** INS 0x0A PROVIDE ERC 20 TOKEN INFORMATION. */
        ERC20,
        /** INS 0x16 SET PLUGIN. */
        PLUGIN,
        /** INS 0x12 SET EXTERNAL PLUGIN. */
        EXTERNAL_PLUGIN,
        /** INS 0x14 PROVIDE NFT INFORMATION. */
        NFT
    }

    /** One descriptor: its kind and the APDU data (the signed payload, as Ledger's service returns it). */
    public record Descriptor(Kind kind, byte[] data) {}

    private final List<Descriptor> descriptors;

    private LedgerDescriptors(List<Descriptor> descriptors) {
        this.descriptors = List.copyOf(descriptors);
    }

    /** @throws CountersignException.Usage if the file cannot be read or an entry is malformed */
    public static LedgerDescriptors read(Path file) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(Files.readString(file));
        } catch (IOException | RuntimeException e) {
            throw new CountersignException.Usage("cannot read Ledger descriptors " + file + ": " + e.getMessage());
        }
        List<Descriptor> out = new ArrayList<>();
        int i = 0;
        for (JsonNode d : root) {
            i++;
            String kind = d.path("kind").asText("");
            Kind k = switch (kind) {
                case "erc20" -> Kind.ERC20;
                case "plugin" -> Kind.PLUGIN;
                case "external-plugin" -> Kind.EXTERNAL_PLUGIN;
                case "nft" -> Kind.NFT;
                default -> throw new CountersignException.Usage(file + " entry " + i + ": kind must be erc20, plugin, external-plugin or nft, got '"
                        + kind + "'");
            };
            out.add(new Descriptor(k, Hex.decode(d.path("data").asText(null), file + " entry " + i + " data")));
        }
        return new LedgerDescriptors(out);
    }

    /**
     * Sends every descriptor to the device, in order. Call only after the policy allowed the
     * request.
     *
     * @throws CountersignException.Usage if the signer is not a Ledger
     */
    public void sendTo(Signer signer) {
        if (!(LazySigner.unwrap(signer) instanceof LedgerSigner ledger)) {
            throw new CountersignException.Usage("--ledger-descriptors are for a Ledger; " + signer.label() + " does not take them");
        }
        LedgerEthApp app = ledger.app();
        for (Descriptor d : descriptors) {
            switch (d.kind()) {
                case ERC20 -> app.provideErc20TokenInformation(d.data());
                case PLUGIN -> app.setPlugin(d.data());
                case EXTERNAL_PLUGIN -> app.setExternalPlugin(d.data());
                case NFT -> app.provideNftInformation(d.data());
            }
        }
    }
}
