package uz.hisob.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The load generator's HTTP/1.1 connection: one kept-alive socket, requests prepared once as bytes, answers read into
 * one reused buffer. The JDK's {@code HttpClient} cost 0.4–1.7 ms of CPU per request on the benchmark machine — more
 * than the services it measured — so the throughput loops send prepared bytes and parse no more of the answer than
 * its status line, {@code Content-Length} or chunked framing, and {@code Connection: close}. A closed-loop worker
 * owns one; it is not thread-safe. The body is kept (as bytes) for callers that need it.
 */
public final class RawHttp implements AutoCloseable {

    private final String host;
    private final int port;
    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private byte[] buffer = new byte[16 * 1024];
    private int length;
    private int bodyStart;
    private int bodyLength;

    public RawHttp(String baseUrl) {
        URI uri = URI.create(baseUrl);
        this.host = uri.getHost();
        this.port = uri.getPort();
    }

    /** The bytes of a request: {@code pathAndQuery} on this connection's host, the headers given, and the body. */
    public byte[] prepare(String method, String pathAndQuery, String bearer, String contentType, byte[] body) {
        StringBuilder head = new StringBuilder(256).append(method).append(' ').append(pathAndQuery).append(" HTTP/1.1\r\n")
                .append("Host: ").append(host).append(':').append(port).append("\r\n");
        if (bearer != null) {
            head.append("Authorization: Bearer ").append(bearer).append("\r\n");
        }
        if (body != null) {
            head.append("Content-Type: ").append(contentType).append("\r\nContent-Length: ").append(body.length).append("\r\n");
        }
        head.append("\r\n");
        byte[] h = head.toString().getBytes(StandardCharsets.US_ASCII);
        if (body == null) {
            return h;
        }
        byte[] all = Arrays.copyOf(h, h.length + body.length);
        System.arraycopy(body, 0, all, h.length, body.length);
        return all;
    }

    /** Sends a prepared request and reads the whole answer; answers its status (the body: {@link #body()}). */
    public int send(byte[] request) throws IOException {
        if (socket == null) {
            socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(30_000);
            socket.connect(new InetSocketAddress(host, port), 5_000);
            in = socket.getInputStream();
            out = socket.getOutputStream();
        }
        try {
            out.write(request);
            out.flush();
            return read();
        } catch (IOException e) {
            close();
            throw e;
        }
    }

    /** The last answer's body, decoded as UTF-8 (chunked bodies as they came, with their framing removed). */
    public String body() {
        return new String(buffer, bodyStart, bodyLength, StandardCharsets.UTF_8);
    }

    private int read() throws IOException {
        length = 0;
        int headEnd;
        while ((headEnd = indexOf(HEAD_END, 0)) < 0) {
            fill();
        }
        int status = (buffer[9] - '0') * 100 + (buffer[10] - '0') * 10 + (buffer[11] - '0');
        String head = new String(buffer, 0, headEnd, StandardCharsets.US_ASCII).toLowerCase(java.util.Locale.ROOT);
        boolean close = head.contains("\r\nconnection: close");
        int start = headEnd + 4;
        int contentLength = header(head, "\r\ncontent-length:");
        if (contentLength >= 0) {
            while (length < start + contentLength) {
                fill();
            }
            bodyStart = start;
            bodyLength = contentLength;
        } else if (head.contains("\r\ntransfer-encoding: chunked")) {
            readChunked(start);
        } else {
            bodyStart = start;
            bodyLength = 0;
        }
        if (close) {
            close();
        }
        return status;
    }

    /** Reads a chunked body, moving the chunks' data together behind {@code start}. */
    private void readChunked(int start) throws IOException {
        int write = start;
        int at = start;
        while (true) {
            int lineEnd;
            while ((lineEnd = indexOf(CRLF, at)) < 0) {
                fill();
            }
            int size = Integer.parseInt(new String(buffer, at, lineEnd - at, StandardCharsets.US_ASCII).split(";")[0].trim(), 16);
            at = lineEnd + 2;
            while (length < at + size + 2) {
                fill();
            }
            if (size == 0) {
                break;
            }
            System.arraycopy(buffer, at, buffer, write, size);
            write += size;
            at += size + 2;
        }
        bodyStart = start;
        bodyLength = write - start;
    }

    private static int header(String head, String name) {
        int i = head.indexOf(name);
        if (i < 0) {
            return -1;
        }
        int end = head.indexOf("\r\n", i + name.length());
        return Integer.parseInt(head.substring(i + name.length(), end < 0 ? head.length() : end).trim());
    }

    private void fill() throws IOException {
        if (length == buffer.length) {
            buffer = Arrays.copyOf(buffer, buffer.length * 2);
        }
        int n = in.read(buffer, length, buffer.length - length);
        if (n < 0) {
            throw new IOException("the server closed the connection");
        }
        length += n;
    }

    private static final byte[] HEAD_END = {'\r', '\n', '\r', '\n'};
    private static final byte[] CRLF = {'\r', '\n'};

    private int indexOf(byte[] what, int from) {
        outer:
        for (int i = from; i <= length - what.length; i++) {
            for (int j = 0; j < what.length; j++) {
                if (buffer[i + j] != what[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException e) {
                // nothing to keep
            }
            socket = null;
        }
    }
}
