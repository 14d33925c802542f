package io.countersign.hw.trezor;

import com.google.protobuf.Message;
import com.google.protobuf.Parser;
import io.countersign.hw.trezor.proto.TrezorCommon;
import io.countersign.hw.trezor.proto.TrezorEip712;
import io.countersign.hw.trezor.proto.TrezorEthereum;
import io.countersign.hw.trezor.proto.TrezorThp;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Trezor MessageType ids (common/protob/messages.proto) of the messages this driver speaks. */
public enum MessageType {
    INITIALIZE(0, TrezorCommon.Initialize.getDefaultInstance(), false),
    SUCCESS(2, TrezorCommon.Success.getDefaultInstance(), false),
    FAILURE(3, TrezorCommon.Failure.getDefaultInstance(), false),
    FEATURES(17, TrezorCommon.Features.getDefaultInstance(), false),
    PIN_MATRIX_REQUEST(18, TrezorCommon.PinMatrixRequest.getDefaultInstance(), false),
    /** Carries the PIN: never logged, redacted in recordings. */
    PIN_MATRIX_ACK(19, TrezorCommon.PinMatrixAck.getDefaultInstance(), true),
    CANCEL(20, TrezorCommon.Cancel.getDefaultInstance(), false),
    BUTTON_REQUEST(26, TrezorCommon.ButtonRequest.getDefaultInstance(), false),
    BUTTON_ACK(27, TrezorCommon.ButtonAck.getDefaultInstance(), false),
    PASSPHRASE_REQUEST(41, TrezorCommon.PassphraseRequest.getDefaultInstance(), false),
    /** Carries the passphrase: never logged, redacted in recordings. */
    PASSPHRASE_ACK(42, TrezorCommon.PassphraseAck.getDefaultInstance(), true),
    GET_FEATURES(55, TrezorCommon.GetFeatures.getDefaultInstance(), false),
    ETHEREUM_GET_ADDRESS(56, TrezorEthereum.EthereumGetAddress.getDefaultInstance(), false),
    ETHEREUM_ADDRESS(57, TrezorEthereum.EthereumAddress.getDefaultInstance(), false),
    ETHEREUM_SIGN_TX(58, TrezorEthereum.EthereumSignTx.getDefaultInstance(), false),
    ETHEREUM_TX_REQUEST(59, TrezorEthereum.EthereumTxRequest.getDefaultInstance(), false),
    ETHEREUM_TX_ACK(60, TrezorEthereum.EthereumTxAck.getDefaultInstance(), false),
    ETHEREUM_SIGN_MESSAGE(64, TrezorEthereum.EthereumSignMessage.getDefaultInstance(), false),
    ETHEREUM_VERIFY_MESSAGE(65, TrezorEthereum.EthereumVerifyMessage.getDefaultInstance(), false),
    ETHEREUM_MESSAGE_SIGNATURE(66, TrezorEthereum.EthereumMessageSignature.getDefaultInstance(), false),
    ETHEREUM_GET_PUBLIC_KEY(450, TrezorEthereum.EthereumGetPublicKey.getDefaultInstance(), false),
    ETHEREUM_PUBLIC_KEY(451, TrezorEthereum.EthereumPublicKey.getDefaultInstance(), false),
    ETHEREUM_SIGN_TX_EIP1559(452, TrezorEthereum.EthereumSignTxEIP1559.getDefaultInstance(), false),
    ETHEREUM_SIGN_TYPED_DATA(464, TrezorEip712.EthereumSignTypedData.getDefaultInstance(), false),
    ETHEREUM_TYPED_DATA_STRUCT_REQUEST(465, TrezorEip712.EthereumTypedDataStructRequest.getDefaultInstance(), false),
    ETHEREUM_TYPED_DATA_STRUCT_ACK(466, TrezorEip712.EthereumTypedDataStructAck.getDefaultInstance(), false),
    ETHEREUM_TYPED_DATA_VALUE_REQUEST(467, TrezorEip712.EthereumTypedDataValueRequest.getDefaultInstance(), false),
    ETHEREUM_TYPED_DATA_VALUE_ACK(468, TrezorEip712.EthereumTypedDataValueAck.getDefaultInstance(), false),
    ETHEREUM_TYPED_DATA_SIGNATURE(469, TrezorEthereum.EthereumTypedDataSignature.getDefaultInstance(), false),
    ETHEREUM_SIGN_TYPED_HASH(470, TrezorEthereum.EthereumSignTypedHash.getDefaultInstance(), false),
    // Trezor Host Protocol application messages (common/protob/messages-thp.proto)
    THP_CREATE_NEW_SESSION(1000, TrezorThp.ThpCreateNewSession.getDefaultInstance(), true),
    THP_PAIRING_REQUEST(1008, TrezorThp.ThpPairingRequest.getDefaultInstance(), false),
    THP_PAIRING_REQUEST_APPROVED(1009, TrezorThp.ThpPairingRequestApproved.getDefaultInstance(), false),
    THP_SELECT_METHOD(1010, TrezorThp.ThpSelectMethod.getDefaultInstance(), false),
    THP_PAIRING_PREPARATIONS_FINISHED(1011, TrezorThp.ThpPairingPreparationsFinished.getDefaultInstance(), false),
    /** Carries the host's pairing credential: redacted in recordings. */
    THP_CREDENTIAL_REQUEST(1016, TrezorThp.ThpCredentialRequest.getDefaultInstance(), true),
    /** Carries the pairing credential: redacted in recordings. */
    THP_CREDENTIAL_RESPONSE(1017, TrezorThp.ThpCredentialResponse.getDefaultInstance(), true),
    THP_END_REQUEST(1018, TrezorThp.ThpEndRequest.getDefaultInstance(), false),
    THP_END_RESPONSE(1019, TrezorThp.ThpEndResponse.getDefaultInstance(), false),
    THP_CODE_ENTRY_COMMITMENT(1024, TrezorThp.ThpCodeEntryCommitment.getDefaultInstance(), false),
    THP_CODE_ENTRY_CHALLENGE(1025, TrezorThp.ThpCodeEntryChallenge.getDefaultInstance(), false),
    THP_CODE_ENTRY_CPACE_TREZOR(1026, TrezorThp.ThpCodeEntryCpaceTrezor.getDefaultInstance(), false),
    THP_CODE_ENTRY_CPACE_HOST_TAG(1027, TrezorThp.ThpCodeEntryCpaceHostTag.getDefaultInstance(), false),
    THP_CODE_ENTRY_SECRET(1028, TrezorThp.ThpCodeEntrySecret.getDefaultInstance(), false);

    private static final Map<Integer, MessageType> BY_ID = Stream.of(values()).collect(Collectors.toMap(MessageType::id, Function.identity()));
    private static final Map<String, MessageType> BY_NAME = Stream.of(values()).collect(Collectors.toMap(MessageType::protoName, Function.identity()));

    private final int id;
    private final Message defaultInstance;
    private final boolean secret;

    MessageType(int id, Message defaultInstance, boolean secret) {
        this.id = id;
        this.defaultInstance = defaultInstance;
        this.secret = secret;
    }

    public int id() {
        return id;
    }

    public Parser<? extends Message> parser() {
        return defaultInstance.getParserForType();
    }

    /** True for messages whose payload is a PIN or passphrase. */
    public boolean secret() {
        return secret;
    }

    /** The protobuf message name, e.g. {@code EthereumSignTx}. */
    public String protoName() {
        return defaultInstance.getDescriptorForType().getName();
    }

    /** The type of an id, or {@code null} if this driver does not know it. */
    public static MessageType byId(int id) {
        return BY_ID.get(id);
    }

    /** The type of a message object. */
    public static MessageType of(Message m) {
        MessageType t = BY_NAME.get(m.getDescriptorForType().getName());
        if (t == null) {
            throw new IllegalArgumentException("no MessageType for " + m.getDescriptorForType().getName());
        }
        return t;
    }
}
