package io.countersign.multisig.devchain;

import io.countersign.eth.Address;
import io.countersign.eth.devchain.Anvil;
import io.countersign.eth.devchain.Artifacts;
import io.countersign.multisig.SafeAbi;
import java.math.BigInteger;
import java.util.List;

/**
 * The Safe 1.4.1 contracts from the official build artifacts, deployed on a local anvil chain
 * (for {@code countersign demo} and the integration tests): the singleton, the proxy factory,
 * the fallback handler, MultiSendCallOnly and MultiSend.
 */
public record SafeDeployment(Anvil anvil, Address deployer, Address singleton, Address proxyFactory,
        Address fallbackHandler, Address multiSendCallOnly, Address multiSend) {

    /** Deploys the Safe 1.4.1 contracts from anvil's first account. */
    public static SafeDeployment deploy(Anvil anvil) {
        Address deployer = anvil.accounts().getFirst();
        Artifacts a = anvil.artifacts();
        return new SafeDeployment(anvil, deployer,
                anvil.deploy(deployer, a.bytecode(Artifacts.SAFE)),
                anvil.deploy(deployer, a.bytecode(Artifacts.SAFE_PROXY_FACTORY)),
                anvil.deploy(deployer, a.bytecode(Artifacts.FALLBACK_HANDLER)),
                anvil.deploy(deployer, a.bytecode(Artifacts.MULTI_SEND_CALL_ONLY)),
                anvil.deploy(deployer, a.bytecode(Artifacts.MULTI_SEND)));
    }

    /** Creates a Safe proxy with these owners and threshold and returns its address. */
    public Address createSafe(List<Address> owners, int threshold, BigInteger saltNonce) {
        byte[] calldata = SafeAbi.createProxyWithNonce(singleton, SafeAbi.setup(owners, threshold, fallbackHandler), saltNonce);
        byte[] returned = anvil.rpc().client().call("eth_call", java.util.Map.of(
                "from", deployer.toLowerHex(), "to", proxyFactory.toLowerHex(),
                "data", io.countersign.eth.Hex.encode(calldata)), "latest").asText().transform(
                h -> io.countersign.eth.Hex.decode(h, "createProxyWithNonce result"));
        Address proxy = SafeAbi.decodeAddress(returned);
        anvil.send(deployer, proxyFactory, BigInteger.ZERO, calldata);
        return proxy;
    }

    /** Deploys Safe's test ERC-20 token; the deployer holds its whole supply. */
    public Address deployToken() {
        return anvil.deploy(deployer, anvil.artifacts().bytecode(Artifacts.ERC20_TOKEN));
    }
}
