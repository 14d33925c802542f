package io.countersign.hw.transport;

import io.countersign.hw.DeviceException;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.util.Arrays;

/**
 * The Trezor emulator's UDP port (default 21324): one raw 64-byte protocol-v1 packet per datagram.
 * UDP has no connection, so a silent emulator is reported after the read timeout.
 */
public final class UdpPacketIo implements PacketIo {
    private final InetSocketAddress target;
    private final DatagramSocket socket;
    private final int timeoutMillis;

    public UdpPacketIo(String host, int port, int timeoutMillis) {
        this.target = new InetSocketAddress(host, port);
        this.timeoutMillis = timeoutMillis;
        try {
            this.socket = new DatagramSocket();
            socket.setSoTimeout(timeoutMillis);
        } catch (IOException e) {
            throw new DeviceException.NoDevice("cannot open a UDP socket for the Trezor emulator: " + e.getMessage(), e);
        }
    }

    @Override
    public void write(byte[] packet) {
        try {
            socket.send(new DatagramPacket(packet, packet.length, target));
        } catch (IOException e) {
            throw new DeviceException.DeviceDisconnected("lost the Trezor emulator at " + describe() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public byte[] read() {
        byte[] buffer = new byte[64];
        DatagramPacket p = new DatagramPacket(buffer, buffer.length);
        try {
            socket.receive(p);
            return Arrays.copyOf(buffer, 64);
        } catch (SocketTimeoutException e) {
            throw new DeviceException.DeviceDisconnected("the Trezor emulator at " + describe() + " stopped answering for "
                    + timeoutMillis / 1000 + " s in the middle of an exchange (is it still running?)", e);
        } catch (IOException e) {
            throw new DeviceException.DeviceDisconnected("lost the Trezor emulator at " + describe() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public byte[] read(int waitMillis) {
        byte[] buffer = new byte[64];
        DatagramPacket p = new DatagramPacket(buffer, buffer.length);
        try {
            socket.setSoTimeout(Math.max(1, waitMillis));
            socket.receive(p);
            return Arrays.copyOf(buffer, 64);
        } catch (SocketTimeoutException e) {
            return null;
        } catch (IOException e) {
            throw new DeviceException.DeviceDisconnected("lost the Trezor emulator at " + describe() + ": " + e.getMessage(), e);
        } finally {
            try {
                socket.setSoTimeout(timeoutMillis);
            } catch (IOException ignored) {
                // the socket is closed; the next read reports it
            }
        }
    }

    @Override
    public String describe() {
        return "udp:" + target.getHostString() + ":" + target.getPort();
    }

    @Override
    public void close() {
        socket.close();
    }
}
