package io.countersign.app.cli;

import io.countersign.app.session.AppContext;
import io.countersign.app.session.CountersignException;
import io.countersign.app.session.PlainSigning;
import io.countersign.eth.Address;
import io.countersign.eth.EthTransaction;
import io.countersign.eth.Hex;
import io.countersign.eth.SignedTransaction;
import io.countersign.eth.Signer;
import java.math.BigInteger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code countersign tx sign}: a plain EIP-1559 or legacy transaction, e.g. an executor's on an offline machine. */
@Command(name = "tx", mixinStandardHelpOptions = true, description = "Plain transactions.")
final class TxCommand {
    @ParentCommand
    CountersignCommand root;

    @Command(name = "sign", mixinStandardHelpOptions = true, description = "Sign a transaction (EIP-1559 with --max-fee, legacy with --gas-price, or --unsigned RLP).")
    static final class Sign implements Runnable {
        @ParentCommand
        TxCommand tx;

        @Mixin
        SignerOptions signerOptions;

        @Option(names = "--unsigned", paramLabel = "HEX", description = "The unsigned transaction (RLP; 0x02-prefixed for EIP-1559).")
        String unsigned;

        @Option(names = "--to", paramLabel = "ADDRESS")
        String to;

        @Option(names = "--value", paramLabel = "AMOUNT", defaultValue = "0", description = NativeAmount.HELP)
        String value;

        @Option(names = "--data", paramLabel = "HEX", defaultValue = "0x")
        String data;

        @Option(names = "--nonce", paramLabel = "N")
        BigInteger nonce;

        @Option(names = "--gas", paramLabel = "G", description = "Gas limit.")
        BigInteger gas;

        @Option(names = "--max-fee", paramLabel = "WEI", description = "EIP-1559 max fee per gas.")
        BigInteger maxFee;

        @Option(names = "--max-priority-fee", paramLabel = "WEI", description = "EIP-1559 max priority fee per gas.")
        BigInteger maxPriorityFee;

        @Option(names = "--gas-price", paramLabel = "WEI", description = "Legacy (EIP-155) gas price.")
        BigInteger gasPrice;

        @Option(names = "--chain-id", required = true, paramLabel = "C")
        BigInteger chainId;

        @Option(names = "--tx-type", paramLabel = "N", description = "Legacy only: a Wanchain-style tx-type field (Trezor's tx_type).")
        BigInteger txType;

        @Option(names = "--ledger-descriptors", paramLabel = "FILE", description = "Ledger-signed token/plugin/NFT descriptors "
                + "(JSON list of {kind, data}) sent to a Ledger before it signs, so it can show what the transaction does.")
        java.nio.file.Path ledgerDescriptors;

        @Option(names = "--allow-replayable", description = "With --unsigned: also sign a legacy transaction that has no chain id "
                + "(before EIP-155), whose signature is valid on every chain. Avoid.")
        boolean allowReplayable;

        @Override
        public void run() {
            Output output = tx.root.output();
            EthTransaction t = transaction();
            try (AppContext ctx = tx.root.context(); Signer signer = signerOptions.open(ctx, new CliListener(output))) {
                var descriptors = ledgerDescriptors == null ? null : io.countersign.app.session.LedgerDescriptors.read(ledgerDescriptors);
                SignedTransaction s = new PlainSigning(ctx, new CliListener(output)).signTransaction(t, signer,
                        device -> {
                            if (descriptors != null) {
                                descriptors.sendTo(device);
                            }
                        });
                Address from = PlainSigning.sender(t, s);
                var node = output.object();
                node.put("raw", Hex.encode(s.raw()));
                node.put("hash", Hex.encode(s.hash()));
                node.put("from", from.toString());
                node.put("r", Hex.encode(org.web3j.utils.Numeric.toBytesPadded(s.r(), 32)));
                node.put("s", Hex.encode(org.web3j.utils.Numeric.toBytesPadded(s.s(), 32)));
                node.put("v", s.v().toString());
                output.result(node, "from " + from + "\nhash " + Hex.encode(s.hash()) + "\nraw  " + Hex.encode(s.raw()));
            }
        }

        private EthTransaction transaction() {
            if (unsigned != null) {
                byte[] given = Hex.decode(unsigned, "--unsigned");
                EthTransaction t = EthTransaction.decodeUnsigned(given, allowReplayable ? chainId : null);
                if (t.type() == EthTransaction.Type.LEGACY_UNPROTECTED) {
                    tx.root.output().info("WARNING: this transaction carries no chain id (before EIP-155). Its signature is valid on "
                            + "every chain where the sender's nonce matches, not only chain " + chainId + ".");
                }
                if (!java.util.Arrays.equals(given, t.encodeForSigning())) {
                    tx.root.output().info("Note: --unsigned is not canonical RLP; signing the canonical encoding of the same fields "
                            + Hex.encode(t.encodeForSigning()) + " (what nodes hash)");
                }
                if (!t.chainId().equals(chainId)) {
                    throw new CountersignException.Usage("--unsigned is for chain " + t.chainId() + ", but --chain-id says " + chainId);
                }
                return t;
            }
            if (to == null || nonce == null || gas == null) {
                throw new CountersignException.Usage("give --unsigned HEX, or --to, --nonce and --gas with fees");
            }
            Address target = Address.parse(to, "--to");
            byte[] calldata = Hex.decode(data, "--data");
            if (gasPrice != null) {
                if (maxFee != null || maxPriorityFee != null) {
                    throw new CountersignException.Usage("--gas-price (legacy) and --max-fee/--max-priority-fee (EIP-1559) exclude each other");
                }
                EthTransaction legacy = EthTransaction.legacy(chainId, nonce, gasPrice, gas, target, NativeAmount.parse(value, "--value"), calldata);
                return txType == null ? legacy : legacy.withTxType(txType);
            }
            if (txType != null) {
                throw new CountersignException.Usage("--tx-type goes with --gas-price (legacy transactions)");
            }
            if (maxFee == null || maxPriorityFee == null) {
                throw new CountersignException.Usage("an EIP-1559 transaction needs --max-fee and --max-priority-fee (or --gas-price for legacy)");
            }
            return EthTransaction.eip1559(chainId, nonce, gas, target, NativeAmount.parse(value, "--value"), calldata, maxPriorityFee, maxFee);
        }
    }
}
