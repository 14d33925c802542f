package io.countersign.hw.ledger;

/**
 * Instruction bytes of the Ledger Ethereum app (app-ethereum doc/ethapp.adoc) and the OS-level
 * command the client needs, each with its class byte.
 */
public enum EthIns {
    /** GET ETH PUBLIC ADDRESS: P1 0x01 shows the address, P2 0x01 returns the chain code. */
    GET_PUBLIC_ADDRESS(0xE0, 0x02),
    /** SIGN ETH TRANSACTION: P1 0x00 first chunk (carries the path), 0x80 continuation. */
    SIGN_TRANSACTION(0xE0, 0x04),
    /** GET APP CONFIGURATION: flags byte and the 3-byte app version. */
    GET_APP_CONFIGURATION(0xE0, 0x06),
    /** SIGN ETH PERSONAL MESSAGE (EIP-191 version 0x45), chunked like transactions. */
    SIGN_PERSONAL_MESSAGE(0xE0, 0x08),
    /** PROVIDE ERC 20 TOKEN INFORMATION: a Ledger-signed token descriptor. */
    PROVIDE_ERC20_TOKEN_INFORMATION(0xE0, 0x0A),
    /** SIGN ETH EIP 712: P2 0x00 with both hashes, P2 0x01 after the full message was sent. */
    SIGN_EIP712(0xE0, 0x0C),
    /** SET EXTERNAL PLUGIN: a Ledger-signed plugin selector descriptor. */
    SET_EXTERNAL_PLUGIN(0xE0, 0x12),
    /** PROVIDE NFT INFORMATION: a Ledger-signed NFT collection descriptor. */
    PROVIDE_NFT_INFORMATION(0xE0, 0x14),
    /** SET PLUGIN: a Ledger-signed plugin descriptor. */
    SET_PLUGIN(0xE0, 0x16),
    /** EIP712 SEND STRUCT DEFINITION: P2 0x00 struct name, 0xFF field. */
    EIP712_SEND_STRUCT_DEFINITION(0xE0, 0x1A),
    /** EIP712 SEND STRUCT IMPLEMENTATION: P2 0x00 root struct, 0x0F array size, 0xFF field value. */
    EIP712_SEND_STRUCT_IMPLEMENTATION(0xE0, 0x1C),
    /** GET APP AND VERSION (OS level, class 0xB0): name and version of the open app. */
    GET_APP_AND_VERSION(0xB0, 0x01);

    private final int cla;
    private final int ins;

    EthIns(int cla, int ins) {
        this.cla = cla;
        this.ins = ins;
    }

    public int cla() {
        return cla;
    }

    public int ins() {
        return ins;
    }

    /** P1 of a first chunk. */
    public static final int P1_FIRST = 0x00;
    /** P1 of a continuation chunk (sign transaction, personal message). */
    public static final int P1_MORE = 0x80;
}
