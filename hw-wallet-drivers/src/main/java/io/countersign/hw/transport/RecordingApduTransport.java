package io.countersign.hw.transport;

/** Passes APDUs through and writes each exchange with an {@link ExchangeRecorder} ({@code --record}). */
public final class RecordingApduTransport implements ApduTransport {
    private final ApduTransport inner;
    private final ExchangeRecorder recorder;

    public RecordingApduTransport(ApduTransport inner, ExchangeRecorder recorder) {
        this.inner = inner;
        this.recorder = recorder;
    }

    @Override
    public byte[] exchange(byte[] apdu) {
        recorder.request(apdu);
        byte[] response = inner.exchange(apdu);
        recorder.response(response);
        return response;
    }

    @Override
    public String describe() {
        return inner.describe() + " (recording)";
    }

    @Override
    public void close() {
        try {
            inner.close();
        } finally {
            recorder.close();
        }
    }
}
