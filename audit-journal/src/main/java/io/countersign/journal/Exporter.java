package io.countersign.journal;

import static io.countersign.journal.ChainHash.HEX;

import java.io.IOException;
import java.io.Writer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;

/**
 * Streams every stored row, as stored (even a tampered one: an export is evidence), in
 * sequence order from one consistent snapshot.
 */
final class Exporter {

    private static final String SELECT_ALL =
            "SELECT sequence, time, kind, payload, previous_hash, entry_hash FROM journal ORDER BY sequence";

    private static final String CRLF = "\r\n";

    private Exporter() {
    }

    static void write(Connection c, ExportFormat format, Writer out) throws SQLException, IOException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(SELECT_ALL)) {
            switch (format) {
                case JSON -> json(rs, out);
                case CSV -> csv(rs, out);
            }
        }
        out.flush();
    }

    private static void json(ResultSet rs, Writer out) throws SQLException, IOException {
        try (JsonGenerator g = CanonicalJson.MAPPER.createGenerator(new NonClosingWriter(out))) {
            g.writeStartArray();
            while (rs.next()) {
                g.writeStartObject();
                g.writeNumberProperty("sequence", rs.getLong(1));
                g.writeStringProperty("time", rs.getString(2));
                g.writeStringProperty("kind", rs.getString(3));
                g.writeName("payload");
                g.writeRawValue(rs.getString(4));
                g.writeStringProperty("previousHash", hex(rs.getBytes(5)));
                g.writeStringProperty("entryHash", hex(rs.getBytes(6)));
                g.writeEndObject();
            }
            g.writeEndArray();
        } catch (JacksonException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw e;
        }
    }

    private static void csv(ResultSet rs, Writer out) throws SQLException, IOException {
        out.write("sequence,time,kind,payload,previous_hash,entry_hash" + CRLF);
        while (rs.next()) {
            out.write(Long.toString(rs.getLong(1)));
            out.write(',');
            out.write(csvField(rs.getString(2)));
            out.write(',');
            out.write(csvField(rs.getString(3)));
            out.write(',');
            out.write(csvField(rs.getString(4)));
            out.write(',');
            out.write(hex(rs.getBytes(5)));
            out.write(',');
            out.write(hex(rs.getBytes(6)));
            out.write(CRLF);
        }
    }

    /** RFC 4180: quote a field holding a comma, quote, CR or LF; double inner quotes. */
    static String csvField(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\r') < 0 && s.indexOf('\n') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }

    private static String hex(byte[] b) {
        return b == null ? "" : HEX.formatHex(b);
    }

    /** Lets the generator be closed (to flush it) without closing the caller's writer. */
    private static final class NonClosingWriter extends Writer {
        private final Writer delegate;

        NonClosingWriter(Writer delegate) {
            this.delegate = delegate;
        }

        @Override
        public void write(char[] cbuf, int off, int len) throws IOException {
            delegate.write(cbuf, off, len);
        }

        @Override
        public void flush() throws IOException {
            delegate.flush();
        }

        @Override
        public void close() throws IOException {
            delegate.flush();
        }
    }
}
