package io.countersign.app.session;

import io.countersign.eth.SignerException;

/** Maps a signer's failure to the session's typed errors and exit codes. */
public final class DeviceErrors {
    private DeviceErrors() {}

    public static RuntimeException translate(SignerException e) {
        return switch (e.reason()) {
            case REFUSED -> new CountersignException.RefusedOnDevice(e.getMessage() + "; nothing was written", e);
            case UNAVAILABLE -> new CountersignException.DeviceUnavailable(e.getMessage(), e);
            case SECRET_UNAVAILABLE, FAILED -> e;
        };
    }
}
