package io.countersign.app.session;

import io.countersign.eth.Address;
import io.countersign.eth.Bip32Path;
import io.countersign.eth.DeviceDescription;
import io.countersign.eth.Signer;
import io.countersign.eth.SignerException;
import io.countersign.hw.DeviceException;
import io.countersign.hw.DeviceInfo;
import io.countersign.hw.DevicePrompts;
import io.countersign.hw.HardwareSigners;
import io.countersign.hw.transport.UsbDiscovery;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * The connected Ledger and Trezor wallets, for the {@code devices} command and the console's
 * Devices tab alike. A {@link Source} enumerates devices without opening them; a device seen for
 * the first time is opened once and asked what it is ({@link Signer#describeDevice()}: model,
 * firmware or Ethereum-app version, the Ledger app's blind-signing setting, the protocol), and
 * what stops it (locked, app not open, no permission) becomes its {@link Status}. {@link #watch}
 * polls the source on a thread of its own, so the list follows a device being plugged in and
 * unplugged; a device is opened again only when it reappears or {@link #askAgain} is called.
 *
 * <p>Nothing here touches JavaFX; every device is opened through the session's
 * {@link SignerFactory} (so emulator URIs open only with the development opt-in, as everywhere).
 */
public final class DeviceInventory implements AutoCloseable {
    /** How often {@link #watch} looks for plugged and unplugged devices. */
    public static final long POLL_MILLIS = 1500;

    /**
     * Where devices come from: USB ({@link #usb()}) in the product; the tests plug emulated
     * devices in and out through a source of their own.
     */
    public interface Source {
        /**
         * The devices attached now, and a note per transport that cannot run here. Must not open a
         * device: it is called every {@link #POLL_MILLIS} ms.
         */
        UsbDiscovery.Result scan();

        /**
         * Opens {@code device} for the account at {@code path}. The default opens its
         * {@link DeviceInfo#uri()} through the session's factory.
         *
         * @throws SignerException (a {@link DeviceException} subtype saying what to do) if it cannot be opened
         */
        default Signer open(DeviceInfo device, Bip32Path path, DevicePrompts prompts, SignerFactory factory) {
            return factory.open(device.uri(), path, prompts, null);
        }
    }

    /** USB discovery (HID, WebUSB, else the Trezor Bridge), enumeration only. */
    public static Source usb() {
        return () -> HardwareSigners.discover(false);
    }

    /**
     * What {@code devices} lists: USB discovery, each WebUSB Trezor asked which protocol it speaks
     * ({@link HardwareSigners#discover(boolean)}).
     */
    public static UsbDiscovery.Result listWithProtocols() {
        return HardwareSigners.discover(true);
    }

    /** What a device can do now, as the Devices tab's status column says it. */
    public enum Status {
        /** Answered; it can be asked to sign (a Trezor may still ask for its PIN then). */
        READY("ready"),
        /** Being asked (or waiting while another exchange, a shown address, holds the device). */
        ASKING("asking…"),
        /** Locked (Ledger 0x5515 / 0x6982, a Trezor without its PIN). */
        LOCKED("locked"),
        /** The Ledger's Ethereum app is not open (0x6d00, 0x6e00, 0x6511, another app). */
        APP_NOT_OPEN("app not open"),
        /** The operating system does not let this user open it (Linux: the udev rules). */
        NO_PERMISSION("no permission"),
        /** A Trezor Safe 7 that is not paired with this computer; it pairs at its first signature. */
        NOT_PAIRED("not paired"),
        /** A Trezor in bootloader mode. */
        IN_BOOTLOADER("in bootloader"),
        /** It could not be asked; {@link Row#message()} says why. */
        ERROR("error");

        private final String text;

        Status(String text) {
            this.text = text;
        }

        /** The lowercase words shown, e.g. {@code "app not open"}. */
        public String text() {
            return text;
        }
    }

    /**
     * One device as the list shows it.
     *
     * @param device what discovery saw (vendor, transport, id, signer URI)
     * @param model the model as discovery or the device names it, e.g. {@code "Nano S Plus"}, {@code "Trezor Safe 3"}
     * @param version the Ethereum-app (Ledger) or firmware (Trezor) version the device reported, or {@code null}
     * @param blindSigning the Ledger Ethereum app's blind-signing setting, {@code null} for a Trezor or when not known
     * @param protocol {@code apdu}, {@code v1}, {@code thp} or {@code unknown}
     * @param status what the device can do now
     * @param message what the device or the OS said when it was not ready, with what to do; else empty
     */
    public record Row(DeviceInfo device, String model, String version, Boolean blindSigning, String protocol, Status status, String message) {
        public Row {
            Objects.requireNonNull(device, "device");
            Objects.requireNonNull(status, "status");
            message = message == null ? "" : message;
        }

        /** The signer URI that opens the device. */
        public String uri() {
            return device.uri();
        }
    }

    /**
     * One look at the attached devices.
     *
     * @param rows in discovery order
     * @param notes transports that cannot run here
     */
    public record Snapshot(List<Row> rows, List<String> notes) {
        public Snapshot {
            rows = List.copyOf(rows);
            notes = List.copyOf(notes);
        }

        /** True if some device may not be opened by this user (the udev help applies on Linux). */
        public boolean permissionMissing() {
            return rows.stream().anyMatch(r -> r.status() == Status.NO_PERMISSION);
        }
    }

    private final Source source;
    private final SignerFactory factory;
    /** Every device of the last scan by URI, {@link Status#ASKING} until its answer is in. */
    private final Map<String, Row> known = new LinkedHashMap<>();
    /** One exchange at a time per device (by URI): a listing ask waits for a shown address and the other way round. */
    private final Map<String, ReentrantLock> deviceLocks = new java.util.concurrent.ConcurrentHashMap<>();
    private List<String> lastNotes = List.of();
    private ScheduledExecutorService poller;
    private ExecutorService asker;
    private Consumer<Snapshot> onSnapshot;

    /** An inventory of {@code source}, opening devices through {@code ctx}'s signer factory. */
    public DeviceInventory(AppContext ctx, Source source) {
        this(Signers.factory(ctx), source);
    }

    DeviceInventory(SignerFactory factory, Source source) {
        this.source = Objects.requireNonNull(source, "source");
        this.factory = Objects.requireNonNull(factory, "factory");
    }

    /**
     * Looks at the attached devices once. Without {@link #watch} each newly seen device is asked
     * what it is before this returns (blocking: call it off the FX thread); while watching, it is
     * listed as {@link Status#ASKING} and asked on another thread, and the watcher gets a new
     * snapshot when it answered (so a device that hangs holds up neither the list nor an unplug).
     */
    public Snapshot scan() {
        UsbDiscovery.Result found = source.scan();
        List<DeviceInfo> toAsk = new ArrayList<>();
        ExecutorService background;
        synchronized (this) {
            background = asker;
            lastNotes = List.copyOf(found.notes());
            Map<String, Row> now = new LinkedHashMap<>();
            for (DeviceInfo d : found.devices()) {
                Row row = known.get(d.uri());
                if (row == null) {
                    row = pending(d);
                    toAsk.add(d);
                }
                now.put(d.uri(), row);
            }
            known.clear();
            known.putAll(now);
        }
        for (DeviceInfo d : toAsk) {
            if (background != null) {
                background.execute(() -> answer(d));
            } else {
                answer(d);
            }
        }
        return snapshot();
    }

    /** The devices of the last scan with what they answered so far. */
    public synchronized Snapshot snapshot() {
        return new Snapshot(List.copyOf(known.values()), lastNotes);
    }

    /**
     * The device {@code uri} is asked again (after it was unlocked, its app opened, the udev rules
     * installed): on the watcher's thread while watching, else at the next {@link #scan}.
     */
    public void askAgain(String uri) {
        DeviceInfo d;
        ExecutorService background;
        synchronized (this) {
            Row row = known.get(uri);
            if (row == null) {
                return;
            }
            d = row.device();
            background = asker;
            if (background == null) {
                known.remove(uri);
                return;
            }
            known.put(uri, pending(d));
        }
        publish();
        background.execute(() -> answer(d));
    }

    /**
     * Scans every {@link #POLL_MILLIS} ms on a daemon thread of its own and hands each snapshot
     * to {@code onSnapshot} (on one of the inventory's threads), also when a device has answered;
     * a failing scan becomes a snapshot with one note. Calling it again replaces the previous watch.
     */
    public synchronized void watch(Consumer<Snapshot> onSnapshot) {
        stop();
        this.onSnapshot = onSnapshot;
        // a thread per device being asked: one that hangs holds up no other
        asker = Executors.newCachedThreadPool(r -> Thread.ofPlatform().daemon().name("countersign-devices-ask").unstarted(r));
        poller = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().daemon().name("countersign-devices").unstarted(r));
        poller.scheduleWithFixedDelay(() -> {
            try {
                scan();
                publish();
            } catch (RuntimeException e) {
                onSnapshot.accept(new Snapshot(snapshot().rows(), List.of("device discovery failed: " + e.getMessage())));
            }
        }, 0, POLL_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Stops {@link #watch}; devices are no longer looked for, and an answer still awaited is dropped. */
    public synchronized void stop() {
        if (poller != null) {
            poller.shutdownNow();
            asker.shutdownNow();
            poller = null;
            asker = null;
            onSnapshot = null;
            known.values().removeIf(r -> r.status() == Status.ASKING);
        }
    }

    @Override
    public void close() {
        stop();
    }

    private void publish() {
        Consumer<Snapshot> to;
        Snapshot s;
        synchronized (this) {
            to = onSnapshot;
            s = snapshot();
        }
        if (to != null) {
            to.accept(s);
        }
    }

    /** Asks {@code d} and records its answer if it is still attached and still awaited. */
    private void answer(DeviceInfo d) {
        Row row = ask(d);
        synchronized (this) {
            Row now = known.get(d.uri());
            if (now == null || now.status() != Status.ASKING) {
                return;
            }
            known.put(d.uri(), row);
        }
        publish();
    }

    private static Row pending(DeviceInfo d) {
        return new Row(d, d.model(), d.version(), null, d.protocol().id(), Status.ASKING, "");
    }

    /**
     * Opens {@code device} for {@code path} and has it show that account's address on its own
     * screen ({@link Signer#showAddress}); returns the address the device reported. Blocks until
     * the holder confirms on the device: call it off the FX thread. Once {@code cancelled} is set
     * (the console's Cancel) the device's answer is dropped.
     *
     * @throws SignerException (a {@link DeviceException} subtype saying what to do) if the device
     *     cannot be opened, refuses, or was cancelled in the console
     */
    public Address showAddress(DeviceInfo device, Bip32Path path, DevicePrompts prompts, AtomicBoolean cancelled) {
        ReentrantLock lock = lockOf(device);
        lock.lock();
        try {
            try (Signer signer = source.open(device, path, prompts, factory)) {
                if (!signer.canShowAddress()) {
                    throw new SignerException(SignerException.Reason.FAILED, signer.label() + " has no screen to show an address on");
                }
                Address shown = signer.showAddress(null);
                if (cancelled.get()) {
                    throw new SignerException(SignerException.Reason.REFUSED, "cancelled in the console; the address the device returned is not shown");
                }
                return shown;
            }
        } finally {
            lock.unlock();
        }
    }

    private ReentrantLock lockOf(DeviceInfo d) {
        return deviceLocks.computeIfAbsent(d.uri(), k -> new ReentrantLock());
    }

    /** Opens {@code d} once and asks what it is; never throws. */
    private Row ask(DeviceInfo d) {
        if (d.state() == DeviceInfo.State.IN_BOOTLOADER) {
            return new Row(d, d.model(), d.version(), null, d.protocol().id(), Status.IN_BOOTLOADER,
                    "the Trezor is in bootloader mode: restart it without touching the screen");
        }
        ReentrantLock lock = lockOf(d);
        lock.lock();
        try (Signer signer = source.open(d, Bip32Path.ETHEREUM_FIRST, LISTING_PROMPTS, factory)) {
            DeviceDescription desc = signer.describeDevice().orElse(null);
            if (desc == null) {
                return new Row(d, d.model(), d.version(), null, d.protocol().id(), Status.ERROR, signer.label() + " does not describe itself");
            }
            Map<String, Object> f = desc.details();
            String model = f.get("model") instanceof String m && !m.isBlank() ? "Trezor " + m : d.model();
            String version = f.get("version") == null ? d.version() : String.valueOf(f.get("version"));
            Boolean blind = f.get("blindSigning") instanceof Boolean b ? b : null;
            String protocol = f.get("protocol") == null ? d.protocol().id() : String.valueOf(f.get("protocol"));
            return new Row(d, model, version, blind, protocol, Status.READY, "");
        } catch (RuntimeException e) {
            return new Row(d, d.model(), d.version(), null, d.protocol().id(), statusOf(e), e.getMessage());
        } finally {
            lock.unlock();
        }
    }

    /** The status a device's failure to answer stands for. */
    static Status statusOf(RuntimeException e) {
        return switch (e) {
            case DeviceException.NoPermission _ -> Status.NO_PERMISSION;
            case DeviceException.DeviceLocked _ -> Status.LOCKED;
            case DeviceException.WrongApp _ -> Status.APP_NOT_OPEN;
            case DeviceException.PairingRequired _ -> Status.NOT_PAIRED;
            default -> Status.ERROR;
        };
    }

    /**
     * Listing asks nobody anything: a PIN, passphrase or pairing code is not asked for (the device
     * then shows as locked or not paired), and nothing is signed.
     */
    private static final DevicePrompts LISTING_PROMPTS = DevicePrompts.SILENT;
}
