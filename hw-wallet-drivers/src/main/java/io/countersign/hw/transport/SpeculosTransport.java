package io.countersign.hw.transport;

import io.countersign.hw.DeviceException;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * The Speculos emulator's APDU socket (speculos/mcu/apdu.py): the client sends each APDU as a
 * 4-byte big-endian length then the APDU; the emulator answers with a 4-byte big-endian length of
 * the response data, then the data, then the 2-byte status word (the length does not count it).
 */
public final class SpeculosTransport implements ApduTransport {
    private final String host;
    private final int port;
    private final Socket socket;
    private final DataInputStream in;
    private final DataOutputStream out;

    private SpeculosTransport(String host, int port, Socket socket) throws IOException {
        this.host = host;
        this.port = port;
        this.socket = socket;
        this.in = new DataInputStream(socket.getInputStream());
        this.out = new DataOutputStream(socket.getOutputStream());
    }

    /**
     * Connects to {@code host:port}.
     *
     * @throws DeviceException.NoDevice if nothing listens there
     */
    public static SpeculosTransport connect(String host, int port) {
        Socket s = new Socket();
        try {
            s.connect(new InetSocketAddress(host, port), 5_000);
            s.setTcpNoDelay(true);
            return new SpeculosTransport(host, port, s);
        } catch (IOException e) {
            try {
                s.close();
            } catch (IOException ignored) {
                // nothing to release
            }
            throw new DeviceException.NoDevice("no Speculos emulator answers on " + host + ":" + port + " (" + e.getMessage() + ")", e);
        }
    }

    @Override
    public byte[] exchange(byte[] apdu) {
        try {
            out.writeInt(apdu.length);
            out.write(apdu);
            out.flush();
            int length = in.readInt();
            if (length < 0 || length > 65_536) {
                throw new DeviceException.DeviceFailure("Speculos sent an impossible response length " + length);
            }
            byte[] response = new byte[length + 2];
            in.readFully(response);
            return response;
        } catch (EOFException e) {
            throw new DeviceException.DeviceDisconnected("the Speculos emulator at " + host + ":" + port
                    + " closed the connection in the middle of an exchange", e);
        } catch (IOException e) {
            throw new DeviceException.DeviceDisconnected("lost the Speculos emulator at " + host + ":" + port
                    + " in the middle of an exchange (" + e.getMessage() + ")", e);
        }
    }

    @Override
    public String describe() {
        return "Speculos " + host + ":" + port;
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing is best effort
        }
    }
}
