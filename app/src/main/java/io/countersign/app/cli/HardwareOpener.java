package io.countersign.app.cli;

import io.countersign.app.session.SignerFactory;

/** The device schemes; hardware drivers are wired in here. */
final class HardwareOpener {
    private HardwareOpener() {}

    static final SignerFactory.HardwareSignerOpener INSTANCE = null;
}
